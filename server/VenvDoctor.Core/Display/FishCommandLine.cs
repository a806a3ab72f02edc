using System.Globalization;
using System.Text;
using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Display;

/// <summary>
/// fish, whose quoting is not POSIX sh's: inside single quotes a backslash escapes <c>\</c> and <c>'</c> (so
/// <c>'it'"'"'s'</c> would not read back), and fish has no <c>$'…'</c>. A word is bare when shlex would leave it bare
/// and it does not start with <c>%</c> or <c>~</c>; otherwise single-quoted with <c>\\</c> and <c>\'</c>. A character
/// a terminal acts on is written outside the quotes as <c>\uHHHH</c> (fish writes its UTF-8), the quoted pieces and
/// the escapes joined into one word.
/// </summary>
public sealed class FishCommandLine : ICommandLineQuoting
{
    public string Name => "fish";

    public string Word(string argument)
    {
        if (argument.Length == 0) return "''";
        if (ShellWords.IsShlexSafe(argument) && argument[0] is not ('%' or '~')) return argument;
        var sb = new StringBuilder(argument.Length + 8);
        var quoted = false;
        for (var i = 0; i < argument.Length; i++)
        {
            var c = argument[i];
            var unsafeHere = TerminalText.IsUnsafeAt(argument, i);
            if (quoted == unsafeHere)
            {
                sb.Append('\'');
                quoted = !quoted;
            }
            if (unsafeHere) sb.Append("\\u").Append(((int)(char.IsSurrogate(c) ? '\uFFFD' : c)).ToString("x4", CultureInfo.InvariantCulture));
            else if (c is '\\' or '\'') sb.Append('\\').Append(c);
            else
            {
                sb.Append(c);
                if (char.IsHighSurrogate(c)) sb.Append(argument[++i]);
            }
        }
        if (quoted) sb.Append('\'');
        return sb.ToString();
    }
}
