using System.Text.Json;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Anatomy;

/// <summary>
/// The round trip that holds <see cref="RecordedPathFormats"/>' encoders and readers together: every format, over
/// generated hostile paths, encodes a path (or its documented fallback does) so that the format's reader reads back
/// exactly that path, in the context the format's token sits in; a format that cannot carry a path says so and
/// refuses rather than writing a token that reads back as another. Then Python and the real shells read the
/// tokens, so "reads back" means what the programs that read these files see.
/// </summary>
public sealed class RecordedPathFormatTests
{
    private static readonly IReadOnlyList<string> Paths = HostilePaths.Generate(400, seed: 22, lineBreaks: true, controls: true);

    /// <summary>What follows a token in its file: the reader must stop where the token ends.</summary>
    private static string After(string format) => format switch
    {
        RecordedPathFormats.Bat => "\"\r\nset x=1\r\n",
        RecordedPathFormats.ExecForm => " \"$0\" \"$@\"\n' '''\n",
        RecordedPathFormats.FileUrl => "\", \"dir_info\": {\"editable\": true}}",
        RecordedPathFormats.Symlink => "",
        RecordedPathFormats.PythonRepr or RecordedPathFormats.JsonString => ", 'next': 1}\n",
        RecordedPathFormats.Shebang => " -E\nimport sys\n",
        _ => "\nexport VIRTUAL_ENV\n",
    };

    public static TheoryData<string> Formats() => [.. RecordedPathFormats.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_path_reads_back_as_itself_or_is_refused_with_the_documented_reason(string format)
    {
        var entry = RecordedPathFormats.Get(format);
        var refused = 0;
        foreach (var path in Paths)
        {
            const string before = "key = ";
            if (!RecordedPathFormats.TryEncode(format, path, out var token, out var refusal))
            {
                refused++;
                Assert.True(entry.Cannot is not null, $"{format} carries any path by its entry, yet refused {HostilePaths.Show(path)}: {refusal}");
                Assert.False(string.IsNullOrWhiteSpace(refusal));
                Assert.Throws<UnencodablePathException>(() => RecordedPathFormats.Encode(format, path));
                continue;
            }
            var text = before + token + After(format);
            var read = RecordedPathFormats.Read(format, text, before.Length);
            Assert.True(read is not null, $"{format} wrote {HostilePaths.Show(token)} for {HostilePaths.Show(path)} and cannot read it back");
            Assert.True(read.Value.Value == path, $"{format}: {HostilePaths.Show(path)} was written {HostilePaths.Show(token)} and read back as {HostilePaths.Show(read.Value.Value)}");
            Assert.Equal((before.Length, token.Length), (read.Value.Start, read.Value.Length));
        }
        if (entry.Cannot is null) Assert.Equal(0, refused);
        Assert.True(RecordedPathFormats.TryEncode(format, "/home/me/proj/.venv", out _, out _), $"{format} refuses an ordinary path");
    }

    [Theory]
    [InlineData(RecordedPathFormats.Csh, "/a!b", "'/a'\\!'b'")]
    [InlineData(RecordedPathFormats.Csh, "/it's $x", "'/it'\"'\"'s $x'")]
    [InlineData(RecordedPathFormats.CshCveQuoted, "/a\nb", "'/a\\\nb'")]
    [InlineData(RecordedPathFormats.FishSingleQuoted, "/a\\b c", "'/a\\\\b c'")]
    [InlineData(RecordedPathFormats.Nu, "/it's", "r#'/it's'#")]
    [InlineData(RecordedPathFormats.Nu, "/it'#s", "r##'/it'#s'##")]
    public void A_path_the_old_quoting_cannot_carry_takes_the_documented_fallback(string format, string path, string expected) =>
        Assert.Equal(expected, RecordedPathFormats.Encode(format, path));

    [Theory]
    [InlineData(RecordedPathFormats.Bat, "C:\\a \"b\"")]
    [InlineData(RecordedPathFormats.Bat, "C:\\100%")]
    [InlineData(RecordedPathFormats.ExecForm, "/a\\x41/bin/python")]
    [InlineData(RecordedPathFormats.Shebang, "/a b/bin/python")]
    [InlineData(RecordedPathFormats.PthLine, "/src\n/other")]
    [InlineData(RecordedPathFormats.CfgValue, "/usr/bin ")]
    [InlineData(RecordedPathFormats.FileUrl, "relative/src")]
    public void A_path_no_quoting_of_the_format_can_carry_is_refused(string format, string path)
    {
        var e = Assert.Throws<UnencodablePathException>(() => RecordedPathFormats.Encode(format, path));
        Assert.Equal(format, e.Format);
    }

    /// <summary>The formats that copy Python are Python's: the real interpreter's repr, as_uri, json.dumps and shlex.quote.</summary>
    [PythonFact]
    public void Python_writes_these_tokens_as_we_do()
    {
        var paths = Paths.ToList();
        const string program = """
            import json, pathlib, shlex, sys
            out = [[repr(p), pathlib.PurePosixPath(p).as_uri(), json.dumps(p), shlex.quote(p)] for p in json.load(sys.stdin)]
            json.dump(out, sys.stdout)
            """;
        var python = Pythons.Any!;
        var input = JsonSerializer.Serialize(paths);
        var r = RunWithInput(python.Executable, ["-c", program], input);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var answers = JsonSerializer.Deserialize<List<List<string?>>>(r.StdOut)!;
        for (var i = 0; i < paths.Count; i++)
        {
            var p = paths[i];
            Assert.True(answers[i][0] == PythonRepr.Encode(p), $"repr of {HostilePaths.Show(p)}: Python {answers[i][0]}, ours {PythonRepr.Encode(p)}");
            Assert.Equal(answers[i][1], RecordedPathFormats.Encode(RecordedPathFormats.FileUrl, p));
            Assert.Equal(answers[i][2], RecordedPathFormats.Encode(RecordedPathFormats.JsonString, p));
            Assert.Equal(answers[i][3], RecordedPathFormats.Encode(RecordedPathFormats.ShCveQuoted, p));
        }
    }

    /// <summary>Python compiles every exec-form header we write (it reads the header as a string literal).</summary>
    [PythonFact]
    public void Python_compiles_every_exec_form_header_we_write()
    {
        var headers = Paths.Where(p => RecordedPathFormats.TryEncode(RecordedPathFormats.ExecForm, p, out _, out _))
            .Select(p => $"#!/bin/sh\n'''exec' {RecordedPathFormats.Encode(RecordedPathFormats.ExecForm, p)} \"$0\" \"$@\"\n' '''\nimport sys\n").ToList();
        Assert.NotEmpty(headers);
        const string program = """
            import json, sys, warnings
            warnings.simplefilter('error')
            bad = []
            for h in json.load(sys.stdin):
                try: compile(h, 'script', 'exec')
                except (SyntaxError, SyntaxWarning, DeprecationWarning) as e: bad.append(repr(h) + ': ' + str(e))
            print('\n'.join(bad))
            """;
        var r = RunWithInput(Pythons.Any!.Executable, ["-c", program], JsonSerializer.Serialize(headers));
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal("", r.StdOut.Trim());
    }

    private static Run.Result RunWithInput(string file, string[] args, string input)
    {
        using var tmp = new TempDir();
        var inputFile = tmp.Combine("input.json");
        File.WriteAllText(inputFile, input);
        return Run.Process("/bin/sh", ["-c", "exec \"$0\" \"$@\" < \"$INPUT\"", file, .. args],
            environment: new Dictionary<string, string?> { ["INPUT"] = inputFile });
    }
}
