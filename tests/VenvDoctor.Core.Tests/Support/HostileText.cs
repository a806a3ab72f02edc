using System.Text;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// Names a hostile repository can give a folder or write into a file: shell syntax, quotes, escape sequences that
/// retitle a terminal or clear it, newlines, C1 controls, bidirectional overrides, non-ASCII, emoji, and (for values
/// read from JSON) half a surrogate pair. <see cref="Generate"/> mixes them at random from a fixed seed, so a failure
/// is reproducible; <see cref="Notable"/> are the cases a reader recognises.
/// </summary>
public static class HostileText
{
    public static readonly string[] Notable =
    [
        "x;touch y;#", "$(touch z)", "`touch z`", "a'b", "a\"b", "it's \"quoted\"", "\e]0;pwned\a", "\e[2J", "line\nbreak",
        "tab\there", "cr\rhere", "del\u007fhere", "c1\u0085\u009bhere", "bidi\u202eevil", "caf\u00e9 \U0001F40D", "-rf", "!!", "~root",
        "a\\b", "\\", "''", "$'\\x41'", "*", "{a,b}", "%s%n", "", " ", "trailing\\",
    ];

    private static readonly string[] Pieces =
    [
        "'", "\"", "$", "`", "\\", "!", ";", "&", "|", "*", "?", "~", "#", " ", "\n", "\t", "\r", "\e", "\a", "\u007f", "\u0085",
        "\u009b", "\u202e", "\u2066", "\u2028", "é", "\U0001F40D", "$(touch z)", "`touch z`", ";touch y;", "{a,b}", "[a]", "-", "=", "%", "x", "venv",
        "/", ".", "\\x1b", "\\n", "$'", "'\\''",
    ];

    /// <summary>
    /// <paramref name="count"/> strings of up to 12 pieces each; with <paramref name="loneSurrogates"/>, some hold half
    /// a pair; with <paramref name="printableOnly"/>, no piece holds a control character (what every POSIX sh quotes alike).
    /// </summary>
    public static IEnumerable<string> Generate(int count, int seed = 21, bool loneSurrogates = false, bool printableOnly = false)
    {
        var random = new Random(seed);
        var pieces = printableOnly ? Pieces.Where(p => !HasRawControl(p) && !p.Contains('\n') && !p.Contains('\u2028')).ToArray() : Pieces;
        for (var n = 0; n < count; n++)
        {
            var sb = new StringBuilder();
            for (var i = random.Next(1, 13); i > 0; i--) sb.Append(pieces[random.Next(pieces.Length)]);
            if (loneSurrogates && random.Next(4) == 0) sb.Insert(random.Next(sb.Length + 1), random.Next(2) == 0 ? '\ud800' : '\udc00');
            yield return sb.ToString();
        }
    }

    /// <summary>
    /// Whether the text holds a control character (C0 but the newline that ends a line, DEL, C1), a bidirectional
    /// override or isolate, or a lone surrogate: what no terminal may receive raw.
    /// </summary>
    public static bool HasRawControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is (< ' ' and not '\n') or (>= '\u007f' and <= '\u009f') or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069')) return true;
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[++i]))) return true;
            if (char.IsLowSurrogate(c)) return true;
        }
        return false;
    }
}
