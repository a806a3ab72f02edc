using VenvDoctor.Core.Anatomy;
using System.Text;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// Writes a path back in the encoding that wrote the token it replaces (see <see cref="Anatomy.RecordedPath.Format"/>),
/// so a 3.12 activate keeps its double quotes and a CVE-2024-9287-fixed one keeps shell quoting. When the old
/// encoding cannot carry the new path safely (a <c>"</c> or <c>$</c> inside double quotes), the shell's own single
/// quoting is used instead: the script stays valid for that shell, which is what matters.
/// </summary>
public static class PathTokenEncoder
{
    public static string Encode(string format, string value, string oldToken) => format switch
    {
        "sh-double-quoted" => ShDoubleQuoted(value),
        "sh-cve-quoted" or "sh" => ShellWords.ShlexQuote(value),
        "csh-cve-quoted" or "fish-cve-quoted" => ShellWords.ShlexQuote(value),
        "single-quoted" => "'" + value.Replace("'", "'\\''") + "'", // virtualenv's activate/csh/fish: always '...'
        "exec-form" => value.IndexOfAny(['"', '$', '`', '\\']) >= 0 ? ShellWords.ShlexQuote(value) : value.IndexOfAny([' ', '\'']) >= 0 ? $"\"{value}\"" : value,
        "csh" => oldToken.StartsWith('"') && CshDoubleQuoteSafe(value) ? $"\"{value}\"" : ShellWords.ShlexQuote(value),
        "fish" => oldToken.StartsWith('"') ? FishDoubleQuoted(value) : ShellWords.ShlexQuote(value),
        "nu" => NuQuoted(value),
        "bat" => value,
        "python-repr" => PythonRepr(value),
        "file-url" => oldToken.StartsWith('"') ? JsonString(FileUrl(value)) : FileUrl(value),
        "json-string" => JsonString(value),
        // pth-line, cfg-value, shebang path, symlink, egg-link: the raw path.
        _ => value,
    };

    /// <summary>Bash double quotes: only <c>\ " $ `</c> need a backslash.</summary>
    public static string ShDoubleQuoted(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '$' or '`') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }


    /// <summary>csh cannot escape inside double quotes: <c>" $ `</c> and <c>!</c> force single quoting.</summary>
    private static bool CshDoubleQuoteSafe(string value) => value.IndexOfAny(['"', '$', '`', '!', '\n']) < 0;

    private static string FishDoubleQuoted(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '$') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Nushell single-quoted strings have no escapes; a path with <c>'</c> goes in backticks.</summary>
    private static string NuQuoted(string value) => value.Contains('\'') ? $"`{value}`" : $"'{value}'";

    /// <summary>Python's <c>repr()</c> of a str (the generated editable finder writes its MAPPING this way).</summary>
    public static string PythonRepr(string value)
    {
        var quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\');
                    sb.Append(c);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }

    /// <summary><c>pathlib.Path.as_uri()</c>: <c>file://</c> + the path percent-encoded (safe: <c>/</c> and unreserved).</summary>
    public static string FileUrl(string path)
    {
        var sb = new StringBuilder("file://");
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "/-._~".Contains(c))) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    /// <summary>Python's <c>json.dumps</c> of a str (ASCII only: other characters as <c>\\uXXXX</c>), as pip writes direct_url.json.</summary>
    public static string JsonString(string value)
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
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append($"\\u{(int)c:x4}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
