using System.Globalization;
using System.Text;
using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Display;

/// <summary>
/// POSIX sh and the shells people paste into on Linux and macOS (bash, zsh, ksh, dash). A word is bare when it
/// needs no quoting, else single-quoted (<see cref="ShellWords.ShlexQuote"/>, the one shell-quoting function, which
/// every POSIX shell reads alike). A word holding a control character (a newline, ESC, …) or another character a
/// terminal acts on is written in ANSI-C quoting instead, <c>$'…'</c> with each such character as its UTF-8 bytes
/// (<c>\x1b</c>), so the command stays one line that survives being printed (<see cref="TerminalText"/> leaves it
/// as it is) and pasted. bash, zsh and ksh read <c>$'…'</c> (POSIX.1-2024 too); dash does not (fish has its own quoting, <see cref="FishCommandLine"/>) — such names
/// are rare, and a raw newline pasted into a terminal is worse: it runs what comes before it.
/// </summary>
public sealed class PosixCommandLine : ICommandLineQuoting
{
    public string Name => "posix";

    public string Word(string argument)
    {
        if (TerminalText.IndexOfUnsafe(argument) >= 0) return AnsiC(argument);
        // zsh (macOS' default shell) reads a bare =word as the path of the command "word" (its EQUALS option).
        return argument.StartsWith('=') && ShellWords.IsShlexSafe(argument) ? "'" + argument + "'" : ShellWords.ShlexQuote(argument);
    }

    private static string AnsiC(string argument)
    {
        var sb = new StringBuilder("$'", argument.Length + 16);
        for (var i = 0; i < argument.Length; i++)
        {
            var c = argument[i];
            if (c is '\\' or '\'') sb.Append('\\').Append(c);
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\t') sb.Append("\\t");
            else if (TerminalText.IsUnsafeAt(argument, i)) AppendBytes(sb, c);
            else
            {
                sb.Append(c);
                if (char.IsHighSurrogate(c)) sb.Append(argument[++i]);
            }
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>
    /// A character as <c>\xHH</c> per UTF-8 byte: the shell writes those bytes whatever its locale (its <c>\u</c> form
    /// depends on the locale). A lone surrogate becomes U+FFFD's bytes, which is what .NET passes to the system for it.
    /// </summary>
    private static void AppendBytes(StringBuilder sb, char c)
    {
        foreach (var b in Encoding.UTF8.GetBytes(char.IsSurrogate(c) ? "\uFFFD" : c.ToString()))
            sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
    }
}
