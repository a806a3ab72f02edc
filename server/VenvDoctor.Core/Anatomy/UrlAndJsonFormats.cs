using System.Text;
using System.Text.Json;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// The <c>file://</c> URL pip writes into <c>direct_url.json</c> (<c>pathlib.Path.as_uri()</c>) and the JSON string
/// a settings file holds a path in.
/// </summary>
internal static class UrlAndJsonFormats
{
    private const string FileScheme = "file://";

    /// <summary><c>pathlib.Path.as_uri()</c>: <c>file://</c> + the UTF-8 bytes percent-encoded but for <c>/</c> and the unreserved set.</summary>
    public static string WriteFileUrl(string path)
    {
        var sb = new StringBuilder(FileScheme);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "/-._~".Contains(c))) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    public static string? FileUrlRefusal(string path) =>
        path.StartsWith('/') ? null : "a file URL is written for an absolute POSIX path (pathlib refuses a relative one)";

    /// <summary>
    /// A <c>file:</c> URL up to a quote, blank or line end, percent-decoded as UTF-8 bytes; the host
    /// (<c>file://localhost/p</c>) and <c>file:/p</c> are accepted as pip and RFC 8089 allow.
    /// </summary>
    public static PathToken? ReadFileUrl(string text, int start)
    {
        if (string.CompareOrdinal(text, start, "file:", 0, 5) != 0) return null;
        var end = start;
        while (end < text.Length && text[end] is not ('"' or '\'' or ' ' or '\t' or '\r' or '\n')) end++;
        var rest = text[(start + 5)..end];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            if (slash < 0) return null;
            rest = rest[slash..];
        }
        return PercentDecode(rest) is { } path ? new PathToken(start, end - start, path) : null;
    }

    private static string? PercentDecode(string s)
    {
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
        }
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray()); }
        catch (DecoderFallbackException) { return null; }
    }

    /// <summary>Python's <c>json.dumps</c> of a str (ASCII only: other characters as <c>\uXXXX</c>).</summary>
    public static string WriteJsonString(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append($"\\u{(int)c:x4}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A JSON string literal at <paramref name="start"/>, decoded by System.Text.Json.</summary>
    public static PathToken? ReadJsonString(string text, int start)
    {
        if (start >= text.Length || text[start] != '"') return null;
        var i = start + 1;
        while (i < text.Length && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
        if (i >= text.Length) return null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text[start..(i + 1)]));
            return reader.Read() && reader.GetString() is { } value ? new PathToken(start, i + 1 - start, value) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) { return null; }
    }
}
