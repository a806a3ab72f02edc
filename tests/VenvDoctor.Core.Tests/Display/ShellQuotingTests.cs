using VenvDoctor.Core.Display;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Display;

/// <summary>
/// Each shell's quoting of a command to copy, proved by the real shell: PowerShell (pwsh), fish, and bash/zsh for
/// the POSIX one (also <see cref="CopyableCommandTests"/>) run the pasted lines, which start a real program from a
/// hostile folder; it must receive exactly the argv the line was made of, and nothing else may run. cmd.exe cannot
/// run here: its quoting is checked as text.
/// </summary>
public sealed class ShellQuotingTests
{
    /// <summary>A folder name with every kind of trouble a program path can hold: spaces, quotes of both kinds, $, backticks, %, ;, an escape character, non-ASCII.</summary>
    private const string HostileFolder = "it's a \"$(touch x)\" `touch y` ‘q’ 50% ;é \u001b[2J caf\u00e9";

    private static readonly string[] Arguments = [.. HostileText.Notable, .. HostileText.Generate(300, seed: 20, loneSurrogates: true)];

    [Theory]
    [InlineData("/w/.venv", "/w/.venv")]
    [InlineData(@"C:\Users\me\proj\.venv", @"C:\Users\me\proj\.venv")]
    [InlineData("--action", "--action")]
    [InlineData("C:\\Program Files\\Python312\\python.exe", "'C:\\Program Files\\Python312\\python.exe'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("it\u2019s", "'it\u2019\u2019s'")]
    [InlineData("$(touch z)", "'$(touch z)'")]
    [InlineData("~", "'~'")]
    [InlineData("@x", "'@x'")]
    [InlineData("a,b", "'a,b'")]
    [InlineData("", "''")]
    [InlineData("line\nbreak $x", "\"line`nbreak `$x\"")]
    [InlineData("\e]0;x\a", "\"$([char]0x001b)]0;x$([char]0x0007)\"")]
    public void PowerShell_words_are_bare_single_quoted_or_double_quoted_with_escapes(string argument, string word) =>
        Assert.Equal(word, CommandShells.PowerShell.Word(argument));

    [Fact]
    public void PowerShell_runs_a_quoted_program_with_the_call_operator_and_a_bare_one_as_it_is()
    {
        Assert.Equal("& 'C:\\Program Files\\Python312\\python.exe' -m pip", CommandShells.PowerShell.Line([@"C:\Program Files\Python312\python.exe", "-m", "pip"]));
        Assert.Equal(@"C:\Python312\python.exe -m pip", CommandShells.PowerShell.Line([@"C:\Python312\python.exe", "-m", "pip"]));
    }

    [ShellFact("pwsh")]
    public void Pasted_into_real_PowerShell_every_command_starts_the_program_with_exactly_its_arguments_and_runs_nothing_else() =>
        // Not "--%": PowerShell 7 drops an argument that is exactly that, however it is quoted (tried: '--%', "--%",
        // ('--%')); no command shown to copy has one (its variable words are absolute paths and validated names).
        AssertPastedCommandsRun(CommandShells.PowerShell, Shells.Get("pwsh"), ["-NoProfile", "-NonInteractive", "-File"], ".ps1",
            ["--", "-Command", "1e3", "0x10", "-%", "--%x"], []);

    [Theory]
    [InlineData("/w/.venv", "/w/.venv")]
    [InlineData("it's", "'it\\'s'")]
    [InlineData("a\\b", "'a\\\\b'")]
    [InlineData("~root", "'~root'")]
    [InlineData("%self", "'%self'")]
    [InlineData("", "''")]
    [InlineData("line\nbreak", "'line'\\u000a'break'")]
    [InlineData("\e", "\\u001b")]
    public void Fish_words_escape_backslashes_and_quotes_inside_single_quotes_and_controls_outside(string argument, string word) =>
        Assert.Equal(word, CommandShells.Fish.Word(argument));

    [ShellFact("fish")]
    public void Pasted_into_real_fish_every_command_starts_the_program_with_exactly_its_arguments_and_runs_nothing_else() =>
        AssertPastedCommandsRun(CommandShells.Fish, Shells.Get("fish"), ["--no-config"], ".fish");

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    public void Pasted_into_real_bash_and_zsh_the_posix_quoting_starts_the_program_from_a_hostile_folder(string shell) =>
        AssertPastedCommandsRun(CommandShells.Posix, Pasted.Shell(shell) ?? throw new InvalidOperationException($"{shell} is not installed (scripts/setup.sh installs it)"), [], ".sh",
            ["=venv", "=ls", "==1.0", "a=b"]); // zsh expands a bare =word to a command's path

    /// <summary>Every hostile argument, 25 to a line, plus the extra lines, quoted and run by the real shell: the program receives exactly them, and nothing else runs.</summary>
    private static void AssertPastedCommandsRun(ICommandLineQuoting quoting, string shell, string[] shellArgs, string scriptExtension, params string[][] extraArguments)
    {
        using var programs = new PastedPrograms(HostileFolder);
        var commands = Arguments.Chunk(25).Select(chunk => (string[])[programs.Program, "repair", .. chunk])
            .Concat(extraArguments.Select(args => (string[])[programs.Program, .. args])).ToList();

        var received = programs.Run(shell, shellArgs, scriptExtension, commands.Select(quoting.Line));

        Assert.Equal(commands.Select(argv => argv.Select(Pasted.AsSystemReceives).ToArray()), received);
        Assert.Empty(Directory.EnumerateFileSystemEntries(programs.WorkingFolder));
    }

    [Theory]
    [InlineData(@"C:\Users\me\.venv\Scripts\python.exe", @"C:\Users\me\.venv\Scripts\python.exe")]
    [InlineData(@"C:\Program Files\Python 3.12\python.exe", "\"C:\\Program Files\\Python 3.12\\python.exe\"")]
    [InlineData("a&b|c>d", "\"a&b|c>d\"")]
    [InlineData("50%PATH%x", "\"50\"^%\"PATH\"^%\"x\"")]
    [InlineData(@"C:\dir with space\", "\"C:\\dir with space\\\\\"")]
    [InlineData("", "\"\"")]
    public void Cmd_words_are_double_quoted_with_percent_outside_the_quotes(string argument, string word) =>
        Assert.Equal(word, CommandShells.Cmd.Word(argument));

    [Fact]
    public void No_quoting_writes_a_character_the_terminal_escaping_would_change()
    {
        foreach (var quoting in CommandShells.All)
            foreach (var argument in Arguments)
            {
                var line = quoting.Line(["venv-sidecar", "undo", argument]);
                Assert.Equal(line, TerminalText.Escape(line));
            }
    }

    [Fact]
    public void Each_shell_is_found_by_its_wire_name_and_an_unknown_name_by_none()
    {
        Assert.All(CommandShells.All, q => Assert.Same(q, CommandShells.Named(q.Name)));
        Assert.Equal(["posix", "fish", "powershell", "cmd"], CommandShells.All.Select(q => q.Name));
        Assert.Null(CommandShells.Named("nu"));
    }
}
