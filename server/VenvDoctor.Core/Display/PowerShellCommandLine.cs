using System.Globalization;
using System.Text;

namespace VenvDoctor.Core.Display;

/// <summary>
/// PowerShell (Windows PowerShell 5.1 and PowerShell 7, the default terminal shell on Windows). A word is bare only
/// when PowerShell cannot read anything else into it (letters, digits and <c>_ . / \ : + = -</c>, starting with a
/// letter, <c>_</c>, <c>/</c>, <c>\</c> or <c>-</c>: no <c>~</c>, which PowerShell 7 expands, no <c>@</c>, which
/// splats, no <c>,</c>, which makes an array). Otherwise it is single-quoted, where nothing is expanded and a quote
/// is doubled — the typographic single quotes (U+2018–U+201B) too, which PowerShell reads as quotes. A word holding
/// a character a terminal acts on (a newline, ESC, a bidirectional control) is double-quoted instead, with that
/// character as <c>$([char]0xHHHH)</c> (both versions read it; <c>`u{…}</c> is 7 only) and <c>`</c>, <c>$</c> and
/// the double quotes (U+201C–U+201E too) escaped by a backtick, so the command stays one line. A quoted program is
/// run with the call operator (<c>&amp; 'C:\Program Files\…\python.exe' -m pip</c>): a quoted first word is a
/// string to PowerShell, not a command. Windows file names hold no <c>"</c>, so how PowerShell 5.1 passes one to a
/// program (it drops it) does not arise for paths. PowerShell 7 drops an argument that is exactly <c>--%</c> however
/// it is quoted; none of ours is (their variable words are absolute paths and validated names).
/// </summary>
public sealed class PowerShellCommandLine : ICommandLineQuoting
{
    public string Name => "powershell";

    public string Word(string argument)
    {
        if (IsBare(argument)) return argument;
        return TerminalText.IndexOfUnsafe(argument) < 0 ? SingleQuoted(argument) : DoubleQuoted(argument);
    }

    public string Line(IReadOnlyList<string> argv)
    {
        var words = argv.Select(Word).ToList();
        var line = string.Join(' ', words);
        return words.Count > 0 && words[0] != argv[0] ? "& " + line : line;
    }

    private static bool IsBare(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] is '_' or '/' or '\\' or '-')
        && s.All(c => char.IsAsciiLetterOrDigit(c) || "_./\\:+=-".Contains(c));

    private static bool IsSingleQuote(char c) => c is '\'' or (>= '\u2018' and <= '\u201b');

    private static bool IsDoubleQuote(char c) => c is '"' or (>= '\u201c' and <= '\u201e');

    private static string SingleQuoted(string argument)
    {
        var sb = new StringBuilder("'", argument.Length + 2);
        foreach (var c in argument)
        {
            if (IsSingleQuote(c)) sb.Append(c); // doubled: '' reads as one quote
            sb.Append(c);
        }
        return sb.Append('\'').ToString();
    }

    private static string DoubleQuoted(string argument)
    {
        var sb = new StringBuilder("\"", argument.Length + 16);
        for (var i = 0; i < argument.Length; i++)
        {
            var c = argument[i];
            if (c is '`' or '$' || IsDoubleQuote(c)) sb.Append('`').Append(c);
            else if (c == '\n') sb.Append("`n");
            else if (c == '\r') sb.Append("`r");
            else if (c == '\t') sb.Append("`t");
            else if (TerminalText.IsUnsafeAt(argument, i)) AppendChar(sb, c);
            else
            {
                sb.Append(c);
                if (char.IsHighSurrogate(c)) sb.Append(argument[++i]);
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A character as a subexpression; a lone surrogate as U+FFFD, which is what the system receives for it.</summary>
    private static void AppendChar(StringBuilder sb, char c) =>
        sb.Append("$([char]0x").Append(((int)(char.IsSurrogate(c) ? '\uFFFD' : c)).ToString("x4", CultureInfo.InvariantCulture)).Append(')');
}
