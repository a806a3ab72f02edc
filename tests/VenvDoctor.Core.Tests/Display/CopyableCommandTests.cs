using VenvDoctor.Core.Display;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Display;

/// <summary>
/// A command shown to copy is pasted into real shells (<see cref="Pasted"/>): each must read back exactly the
/// arguments it was made of, and run nothing else (no file appears where it runs).
/// </summary>
public sealed class CopyableCommandTests
{
    private static readonly string[] Generated = [.. HostileText.Notable, .. HostileText.Generate(400, loneSurrogates: true)];

    [Theory]
    [InlineData("x;touch y;#", "'x;touch y;#'")]
    [InlineData("$(touch z)", "'$(touch z)'")]
    [InlineData("it's", "'it'\"'\"'s'")]
    [InlineData("/w/.venv", "/w/.venv")]
    [InlineData("line\nbreak", "$'line\\nbreak'")]
    [InlineData("\e]0;pwned\a'\\", "$'\\x1b]0;pwned\\x07\\'\\\\'")]
    [InlineData("c1\u0085", "$'c1\\xc2\\x85'")]
    public void A_word_is_bare_single_quoted_or_ansi_c_quoted_when_it_holds_a_control_character(string argument, string word) =>
        Assert.Equal(word, CopyableCommand.Word(argument));

    [Fact]
    public void A_quoted_command_holds_nothing_the_terminal_escaping_changes()
    {
        foreach (var argument in Generated)
        {
            var line = CopyableCommand.Of("venv-sidecar", "repair", "--action", "relocate", argument);
            Assert.Equal(line, TerminalText.Escape(line));
        }
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    public void Pasted_into_bash_and_zsh_every_generated_command_reads_back_exactly_its_arguments_and_runs_nothing_else(string shellName)
    {
        var shell = Pasted.Shell(shellName) ?? throw new InvalidOperationException($"{shellName} is not installed (scripts/setup.sh installs it)");
        using var tmp = new TempDir("vd-paste");
        var argv = new List<string> { "venv-sidecar", "repair", "--action", "relocate" };
        argv.AddRange(Generated);

        var words = Pasted.Words(shell, CopyableCommand.Of(argv), tmp.Path);

        Assert.Equal(argv.Select(Pasted.AsSystemReceives), words);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp.Path));
    }

    [Fact]
    public void Pasted_into_a_posix_sh_a_command_without_control_characters_reads_back_exactly()
    {
        var sh = Pasted.Shell("dash") ?? Pasted.Shell("sh") ?? throw new InvalidOperationException("no POSIX sh on this machine");
        using var tmp = new TempDir("vd-paste");
        var argv = HostileText.Generate(400, printableOnly: true).Prepend("pip").ToList();
        Assert.All(argv, a => Assert.False(CopyableCommand.Word(a).StartsWith("$'", StringComparison.Ordinal), $"{a} is quoted the POSIX way, not ANSI-C"));

        Assert.Equal(argv, Pasted.Words(sh, CopyableCommand.Of(argv), tmp.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp.Path));
    }

    [Fact]
    public void Each_notable_name_pasted_alone_is_one_command()
    {
        var bash = Pasted.Shell("bash") ?? throw new InvalidOperationException("bash is not installed");
        foreach (var name in HostileText.Notable)
        {
            using var tmp = new TempDir("vd-paste");
            string[] argv = ["venv-sidecar", "repair", "--action", "relocate", Path.Combine("/w", name)];
            Assert.Equal(argv, Pasted.Words(bash, CopyableCommand.Of(argv), tmp.Path));
            Assert.Empty(Directory.EnumerateFileSystemEntries(tmp.Path));
        }
    }
}
