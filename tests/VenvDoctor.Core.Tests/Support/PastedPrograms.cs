using System.Text;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// Command lines pasted into a real shell that run a real program: a harmless <c>/bin/sh</c> script, kept in a folder
/// whose name is as hostile as a workspace's can be, that appends the argv it received (<c>$0</c>, then every
/// argument) to a file. Every line runs it, so the program's own quoting is tested too (PowerShell needs <c>&amp;</c>
/// before a quoted program), and the shell's working folder is left for the caller to check that nothing else ran.
/// </summary>
public sealed class PastedPrograms : IDisposable
{
    private readonly TempDir root = new("vd-argv");

    public PastedPrograms(string programFolderName)
    {
        Directory.CreateDirectory(root.Combine(programFolderName));
        Program = root.Combine(programFolderName, "echo argv");
        File.WriteAllText(Program, "#!/bin/sh\nprintf '%s\\0' \"$#\" \"$0\" \"$@\" >> \"$VD_ARGV_OUT\"\n");
        File.SetUnixFileMode(Program, (UnixFileMode)0b111_101_101);
        WorkingFolder = root.Combine("cwd");
        Directory.CreateDirectory(WorkingFolder);
    }

    /// <summary>The echoing program, in the hostile folder.</summary>
    public string Program { get; }

    /// <summary>Where the shell runs: empty afterwards unless a line ran something it should not.</summary>
    public string WorkingFolder { get; }

    /// <summary>Runs <paramref name="shellArgs"/> + the script of <paramref name="lines"/> and returns each run's argv, <c>$0</c> first.</summary>
    public IReadOnlyList<string[]> Run(string shell, string[] shellArgs, string scriptExtension, IEnumerable<string> lines)
    {
        var script = root.Combine("pasted" + scriptExtension);
        File.WriteAllText(script, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        var output = root.Combine("argv.out");
        File.WriteAllText(output, "");
        var run = Support.Run.Process(shell, [.. shellArgs, script], WorkingFolder,
            new Dictionary<string, string?> { ["LC_ALL"] = "C.UTF-8", ["VD_ARGV_OUT"] = output }, TimeSpan.FromMinutes(3));
        if (run.ExitCode != 0 || run.StdErr.Length > 0) throw new InvalidOperationException($"{shell} exited {run.ExitCode}: {run.StdErr}");
        return Parse(File.ReadAllText(output, Encoding.UTF8));
    }

    private static List<string[]> Parse(string text)
    {
        var fields = text.Split('\0');
        var runs = new List<string[]>();
        for (var i = 0; i + 1 < fields.Length;)
        {
            var count = int.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture);
            runs.Add(fields[(i + 1)..(i + 2 + count)]);
            i += 2 + count;
        }
        return runs;
    }

    public void Dispose() => root.Dispose();
}
