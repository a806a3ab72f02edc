using System.Globalization;
using System.Text;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// Python string literals as <c>repr()</c> writes them (pyvenv.cfg <c>prompt</c> in 3.13, the editable finder's
/// MAPPING). Hand-written: the subset is small (quotes, backslash escapes, \x \u \U) and no library reads it.
/// </summary>
public static class PythonRepr
{
    /// <summary>Decodes the literal starting at <paramref name="start"/> (optionally r-prefixed).</summary>
    public static bool TryDecode(string text, int start, out string value, out int length)
    {
        value = "";
        length = 0;
        var i = start;
        var raw = false;
        if (i < text.Length && (text[i] == 'r' || text[i] == 'R')) { raw = true; i++; }
        if (i >= text.Length || (text[i] != '\'' && text[i] != '"')) return false;
        var q = text[i++];
        var sb = new StringBuilder();
        while (i < text.Length && text[i] != q)
        {
            var c = text[i];
            if (c == '\n') return false;
            if (c == '\\' && i + 1 < text.Length)
            {
                var n = text[i + 1];
                if (raw) { sb.Append(c).Append(n); i += 2; continue; }
                switch (n)
                {
                    case '\\': sb.Append('\\'); i += 2; continue;
                    case '\'': sb.Append('\''); i += 2; continue;
                    case '"': sb.Append('"'); i += 2; continue;
                    case 'n': sb.Append('\n'); i += 2; continue;
                    case 't': sb.Append('\t'); i += 2; continue;
                    case 'r': sb.Append('\r'); i += 2; continue;
                    case 'x' when i + 3 < text.Length:
                        sb.Append((char)Convert.ToInt32(text.Substring(i + 2, 2), 16)); i += 4; continue;
                    case 'u' when i + 5 < text.Length:
                        sb.Append((char)Convert.ToInt32(text.Substring(i + 2, 4), 16)); i += 6; continue;
                    case 'U' when i + 9 < text.Length:
                        sb.Append(char.ConvertFromUtf32(Convert.ToInt32(text.Substring(i + 2, 8), 16))); i += 10; continue;
                    default: sb.Append(c).Append(n); i += 2; continue;
                }
            }
            sb.Append(c);
            i++;
        }
        if (i >= text.Length) return false;
        value = sb.ToString();
        length = i + 1 - start;
        return true;
    }

    /// <summary>
    /// Python's <c>repr()</c> of a str, character for character: single quotes unless the text holds one and no
    /// double quote; <c>\\ \t \n \r</c> and the quote escaped; every other character Python does not print
    /// (<c>str.isprintable</c>: control, format, separator but space, surrogate, private, unassigned) as
    /// <c>\xhh</c>, <c>\uhhhh</c> or <c>\Uhhhhhhhh</c>.
    /// </summary>
    public static string Encode(string s)
    {
        var q = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(q);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\') sb.Append("\\\\");
            else if (c == q) sb.Append('\\').Append(c);
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c == '\t') sb.Append("\\t");
            else if (char.IsSurrogatePair(s, i))
            {
                var cp = char.ConvertToUtf32(s, i++);
                if (IsPrintable(cp)) sb.Append(char.ConvertFromUtf32(cp)); else sb.Append($"\\U{cp:x8}");
            }
            else if (IsPrintable(c)) sb.Append(c);
            else sb.Append(c < 0x100 ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
        }
        return sb.Append(q).ToString();
    }

    /// <summary>Python's <c>Py_UNICODE_ISPRINTABLE</c>: not Cc, Cf, Cs, Co, Cn, Zl, Zp or Zs (a space excepted).</summary>
    private static bool IsPrintable(int codePoint)
    {
        if (codePoint == ' ') return true;
        if (codePoint is >= 0xD800 and <= 0xDFFF) return false;
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) is not (UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
    }
}
