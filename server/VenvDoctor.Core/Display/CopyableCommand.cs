using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Display;

/// <summary>
/// A command line shown to a user to copy (a suggested <c>venv-sidecar repair</c>, a pip command in a plan's notes):
/// quoted so that pasting it into the user's shell runs exactly that one command with exactly these arguments,
/// whatever the names hold (<c>;</c>, <c>$(…)</c>, backticks, quotes, newlines, escape sequences). Every such command
/// is built here; each shell's rules live behind <see cref="ICommandLineQuoting"/> (<see cref="CommandShells"/>).
/// Which shell is the process's one choice: the host's (PowerShell on Windows, POSIX sh elsewhere) for the CLI, or
/// the shell the one client of <c>serve</c> says its user's terminal runs (<c>initializationOptions.shell</c>),
/// set once at <c>initialize</c>, before anything is diagnosed.
/// </summary>
public static class CopyableCommand
{
    private static volatile ICommandLineQuoting current = CommandShells.HostDefault;

    /// <summary>The quoting of the shell this process's user pastes into.</summary>
    public static ICommandLineQuoting Current => current;

    /// <summary>The client's terminal shell, for every command quoted after this (called once, at <c>initialize</c>).</summary>
    public static void UseShell(ICommandLineQuoting quoting) => current = quoting;

    /// <summary>The command line for these arguments (program first), one quoted word each.</summary>
    public static string Of(params IEnumerable<string> argv) => current.Line([.. argv]);

    /// <summary>One argument quoted as a word of that shell.</summary>
    public static string Word(string argument) => current.Word(argument);
}

/// <summary>How one shell reads a command line: the seam each shell's quoting implements.</summary>
public interface ICommandLineQuoting
{
    /// <summary>The shell's name on the wire (<c>initializationOptions.shell</c>).</summary>
    string Name { get; }

    /// <summary>The argument as one word that this shell reads back as exactly the argument; free of characters <see cref="TerminalText"/> escapes.</summary>
    string Word(string argument);

    /// <summary>The whole command, program first: the words separated by spaces, unless the shell needs more.</summary>
    string Line(IReadOnlyList<string> argv) => string.Join(' ', argv.Select(Word));
}

/// <summary>The quotings there are, by the names a client sends, and the one a host's user pastes into.</summary>
public static class CommandShells
{
    public static readonly ICommandLineQuoting Posix = new PosixCommandLine();
    public static readonly ICommandLineQuoting Fish = new FishCommandLine();
    public static readonly ICommandLineQuoting PowerShell = new PowerShellCommandLine();
    public static readonly ICommandLineQuoting Cmd = new CmdCommandLine();

    /// <summary>Every quoting, by <see cref="ICommandLineQuoting.Name"/>.</summary>
    public static IReadOnlyList<ICommandLineQuoting> All { get; } = [Posix, Fish, PowerShell, Cmd];

    /// <summary>Windows' default terminal shell is PowerShell (Windows Terminal's and VS Code's profile); elsewhere POSIX sh's rules.</summary>
    public static ICommandLineQuoting HostDefault => Host.IsWindows ? PowerShell : Posix;

    /// <summary>The quoting named <paramref name="name"/>, or null when there is none of that name.</summary>
    public static ICommandLineQuoting? Named(string? name) => All.FirstOrDefault(q => q.Name == name);
}
