using System.Globalization;
using System.Text;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// Nushell string literals (virtualenv's <c>activate.nu</c>: <c>let virtual_env = '...'</c>). Hand-written: no .NET
/// library reads nushell. <c>'...'</c> and backtick strings have no escapes; raw strings <c>r#'...'#</c> (any number
/// of <c>#</c>) hold anything but their own closing; <c>"..."</c> has backslash escapes.
/// </summary>
internal static class NuStrings
{
    /// <summary><c>'...'</c> when the path has no quote (line breaks and control characters are fine), else the shortest raw string.</summary>
    public static string Write(string path)
    {
        if (!path.Contains('\'')) return $"'{path}'";
        var hashes = "#";
        while (path.Contains("'" + hashes, StringComparison.Ordinal)) hashes += "#";
        return $"r{hashes}'{path}'{hashes}";
    }

    /// <summary>The string literal at <paramref name="start"/> (leading blanks skipped); null when there is none.</summary>
    public static PathToken? Read(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        if (i >= text.Length) return null;
        return text[i] switch
        {
            '\'' or '`' => Delimited(text, i, text[i]),
            '"' => DoubleQuoted(text, i),
            'r' => Raw(text, i),
            _ => null,
        };
    }

    private static PathToken? Delimited(string text, int open, char quote)
    {
        var end = text.IndexOf(quote, open + 1);
        return end < 0 ? null : new PathToken(open, end + 1 - open, text[(open + 1)..end]);
    }

    private static PathToken? Raw(string text, int at)
    {
        var i = at + 1;
        while (i < text.Length && text[i] == '#') i++;
        var hashes = i - at - 1;
        if (hashes == 0 || i >= text.Length || text[i] != '\'') return null;
        var closing = "'" + new string('#', hashes);
        var end = text.IndexOf(closing, i + 1, StringComparison.Ordinal);
        return end < 0 ? null : new PathToken(at, end + closing.Length - at, text[(i + 1)..end]);
    }

    private static PathToken? DoubleQuoted(string text, int open)
    {
        var sb = new StringBuilder();
        var i = open + 1;
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] != '\\') { sb.Append(text[i++]); continue; }
            if (i + 1 >= text.Length) return null;
            var n = text[i + 1];
            i += 2;
            if (n == 'u' && i < text.Length && text[i] == '{' && text.IndexOf('}', i) is var close and > 0
                && int.TryParse(text.AsSpan(i + 1, close - i - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp)
                && Rune.IsValid(cp))
            {
                sb.Append(char.ConvertFromUtf32(cp));
                i = close + 1;
                continue;
            }
            sb.Append(n switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'f' => '\f', 'e' => '\x1b', 'a' => '\a', '0' => '\0', _ => n });
        }
        return i >= text.Length ? null : new PathToken(open, i + 1 - open, sb.ToString());
    }
}
