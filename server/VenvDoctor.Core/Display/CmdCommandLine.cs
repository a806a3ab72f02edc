using System.Text;

namespace VenvDoctor.Core.Display;

/// <summary>
/// cmd.exe, where a user's terminal runs it. cmd has no quoting that carries every string: it reads <c>&amp; | &lt; &gt;
/// ^ ( )</c> and spaces only outside double quotes, and expands <c>%NAME%</c> even inside them. A word is bare when
/// it holds none of those (the same safe set as PowerShell's); otherwise it is double-quoted for the program's own
/// command-line parser (backslashes before a quote doubled), and each <c>%</c> is written outside the quotes as
/// <c>^%</c> (<c>"50"^%"x"</c>), so no <c>%…%</c> pair can name a variable. What cmd cannot carry at all — a
/// <c>"</c> and a control character, which no Windows file name holds — is written as <see cref="TerminalText"/>'s
/// escape (<c>\x1b</c>): visible, never run, but not that argument.
/// </summary>
public sealed class CmdCommandLine : ICommandLineQuoting
{
    public string Name => "cmd";

    public string Word(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "_./\\:+=-".Contains(c))) return argument;
        var sb = new StringBuilder("\"", argument.Length + 8);
        var backslashes = 0;
        for (var i = 0; i < argument.Length; i++)
        {
            var c = argument[i];
            if (c == '\\') { backslashes++; sb.Append(c); continue; }
            if (c == '%') sb.Append(new string('\\', backslashes)).Append("\"^%\"");
            else if (c == '"' || TerminalText.IsUnsafeAt(argument, i)) sb.Append(c == '"' ? "\\x22" : TerminalText.Escape(c.ToString()));
            else
            {
                sb.Append(c);
                if (char.IsHighSurrogate(c)) sb.Append(argument[++i]);
            }
            backslashes = 0;
        }
        return sb.Append(new string('\\', backslashes)).Append('"').ToString();
    }
}
