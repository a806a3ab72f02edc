using System.Text;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Anatomy;

/// <summary>
/// The real shells read every token the shell formats of <see cref="RecordedPathFormats"/> write (fallbacks
/// included) as the path it encodes: one script per shell assigns each hostile path the way the activation scripts
/// do and prints it back.
/// </summary>
public sealed class RecordedPathShellTests
{
    private static readonly IReadOnlyList<string> Paths = HostilePaths.Generate(150, seed: 21, lineBreaks: true, controls: true);
    private const char End = '\x02';

    private static readonly string[] ShFormats = [RecordedPathFormats.ShDoubleQuoted, RecordedPathFormats.ShCveQuoted, RecordedPathFormats.SingleQuoted];

    [ShellFact("bash")] public void Bash_reads_every_sh_token() => Check("bash", ["--norc", "--noprofile"], ShFormats, PosixAssign);
    [ShellFact("zsh")] public void Zsh_reads_every_sh_token() => Check("zsh", ["-f"], ShFormats, PosixAssign);
    [ShellFact("dash")] public void Sh_reads_every_sh_token_and_exec_form_word() =>
        Check("dash", [], [.. ShFormats, RecordedPathFormats.ExecForm], (format, token) => format == RecordedPathFormats.ExecForm
            ? $"printf '%s\\002' {token}\n" : PosixAssign(format, token));

    [ShellFact("tcsh")]
    public void Tcsh_reads_every_csh_token() =>
        Check("tcsh", ["-f"], [RecordedPathFormats.Csh, RecordedPathFormats.CshCveQuoted, RecordedPathFormats.CshSingleQuoted],
            (_, token) => $"setenv V {token}\nprintf '%s\\002' \"$V:q\"\n");

    [ShellFact("fish")]
    public void Fish_reads_every_fish_token() =>
        Check("fish", ["--no-config"], [RecordedPathFormats.Fish, RecordedPathFormats.FishSingleQuoted, RecordedPathFormats.FishAlwaysSingleQuoted],
            (_, token) => $"set -gx V {token}\nprintf '%s\\x02' $V\n");

    [ShellFact("nu")]
    public void Nushell_reads_every_nu_token() =>
        Check("nu", ["-n", "--no-std-lib"], [RecordedPathFormats.Nu], (_, token) => $"let v = {token}\nprint -n ($v + \"\\u{{2}}\")\n");

    private static string PosixAssign(string format, string token) => $"V={token}\nprintf '%s\\002' \"$V\"\n";

    private static void Check(string shell, string[] flags, string[] formats, Func<string, string, string> statement)
    {
        var exe = Shells.Get(shell);
        using var tmp = new TempDir();
        foreach (var format in formats)
        {
            var expected = new List<string>();
            var script = new StringBuilder();
            foreach (var path in Paths)
            {
                if (!RecordedPathFormats.TryEncode(format, path, out var token, out _)) continue;
                expected.Add(path);
                script.Append(statement(format, token));
            }
            var file = tmp.Combine($"{format}.script");
            File.WriteAllText(file, script.ToString());
            var r = Run.Process(exe, [.. flags, file], timeout: TimeSpan.FromSeconds(60));
            Assert.True(r.ExitCode == 0, $"{shell} failed on the {format} tokens ({r.ExitCode}): {r.StdErr}");
            var read = r.StdOut.Split(End)[..^1];
            Assert.Equal(expected.Count, read.Length);
            for (var i = 0; i < expected.Count; i++)
                Assert.True(expected[i] == read[i],
                    $"{shell} read the {format} token {HostilePaths.Show(RecordedPathFormats.Encode(format, expected[i]))} as {HostilePaths.Show(read[i])}, not {HostilePaths.Show(expected[i])}");
        }
    }
}
