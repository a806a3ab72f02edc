using System.Globalization;
using System.Text;

namespace VenvDoctor.Core.Display;

/// <summary>
/// Text from a workspace (a folder name, a recorded path, a settings value) made safe to print on a terminal: every
/// character a terminal would act on instead of showing is shown as an escape, so a name cannot clear the screen,
/// retitle the window, move the cursor or split one line into two. What is escaped (<see cref="IsUnsafe"/>): C0
/// controls (ESC among them), DEL, C1 controls, the bidirectional overrides and isolates (they make text read in
/// another order than it runs), the line and paragraph separators, and a lone UTF-16 surrogate (half a character,
/// which no terminal can show). Backslashes stay as they are, so Windows paths read naturally; the price is that a
/// name holding the four characters <c>\x1b</c> prints like one holding ESC — the terminal is safe either way, and
/// <c>--json</c> is there for exact values. Escaping is idempotent: what it returns contains nothing it escapes.
/// </summary>
public static class TerminalText
{
    /// <summary>The text with every unsafe character escaped: <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\x1b</c> (up to U+00FF), <c>\u202e</c> (above).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || IndexOfUnsafe(text) < 0) return text ?? "";
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnsafeAt(text, i)) sb.Append(EscapeOf(c));
            else
            {
                sb.Append(c);
                if (char.IsHighSurrogate(c)) sb.Append(text[++i]); // a pair, kept whole
            }
        }
        return sb.ToString();
    }

    /// <summary>Where the first unsafe character is, or -1: the check that keeps the common case free of copies.</summary>
    public static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafeAt(text, i)) return i;
            if (char.IsHighSurrogate(text[i])) i++;
        }
        return -1;
    }

    /// <summary>
    /// Whether a character is one a terminal acts on rather than shows (see the class summary). The copyable command
    /// quoting asks the same question, so a quoted command is never changed by escaping.
    /// </summary>
    public static bool IsUnsafe(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069'
        || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or '\u061c';

    /// <summary>Unsafe, or a surrogate that is not half of a pair.</summary>
    public static bool IsUnsafeAt(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c)) return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        return IsUnsafe(c);
    }

    private static string EscapeOf(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        <= '\u00ff' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
        _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
    };
}
