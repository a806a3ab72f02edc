using System.Text;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// The writing half of the shell formats of <see cref="RecordedPathFormats"/>: each quoting that an activation
/// script or an exec-form shebang is written in, and the characters each cannot carry. The reading half is
/// <see cref="ShellWords.Read"/> in the shell's <see cref="ShellDialect"/>.
/// </summary>
internal static class ShellQuoting
{
    /// <summary>sh <c>"..."</c>: a backslash before <c>\ " $ `</c> and nothing else, so any path fits.</summary>
    public static string ShDoubleQuoted(string path) => Escaped(path, "\\\"$`");

    /// <summary>sh <c>'...'</c> with each quote written <c>'\''</c> (virtualenv's activate).</summary>
    public static string ShSingleQuoted(string path) => "'" + path.Replace("'", "'\\''") + "'";

    /// <summary>csh <c>"..."</c> has no escapes: these characters cannot be inside it.</summary>
    public static string? CshDoubleQuotedRefusal(string path) =>
        path.IndexOfAny(['"', '$', '`', '!', '\n', '\r']) >= 0 ? "csh double quotes cannot escape \", $, `, ! or a line break" : null;

    /// <summary>shlex's <c>'...'</c> read by tcsh: <c>!</c> is expanded from history and a line break ends the command.</summary>
    public static string? CshShlexRefusal(string path) =>
        path.IndexOfAny(['!', '\n']) >= 0 ? "tcsh expands ! inside single quotes and needs a backslash before a line break" : null;

    /// <summary>
    /// csh <c>'...'</c> that any path fits: a quote as <c>'\''</c>, <c>!</c> as <c>'\!'</c> (outside the quotes,
    /// where tcsh's history expansion honours the backslash in every mode) and a line break as backslash-newline.
    /// </summary>
    public static string CshSingleQuoted(string path)
    {
        var sb = new StringBuilder("'");
        foreach (var c in path)
        {
            if (c == '\'') sb.Append("'\\''");
            else if (c == '!') sb.Append("'\\!'");
            else if (c == '\n') sb.Append("\\\n");
            else sb.Append(c);
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>fish <c>"..."</c>: a backslash before <c>\ " $</c> (a backquote is plain text to fish).</summary>
    public static string FishDoubleQuoted(string path) => Escaped(path, "\\\"$");

    /// <summary>shlex's <c>'...'</c> read by fish: fish reads <c>\\</c> and <c>\'</c> inside single quotes as escapes.</summary>
    public static string? FishShlexRefusal(string path) =>
        path.Contains('\\') ? "fish reads a backslash inside single quotes as an escape" : null;

    /// <summary>fish <c>'...'</c> that any path fits: backslashes doubled, a quote as <c>'\''</c>.</summary>
    public static string FishSingleQuoted(string path) => "'" + path.Replace("\\", "\\\\").Replace("'", "'\\''") + "'";

    /// <summary>
    /// pip's <c>'''exec' WORD "$0" "$@"</c>: Python reads the whole header as a string literal, so a backslash (an
    /// escape there; <c>\x</c>, <c>\N</c>, <c>\u</c> are syntax errors) cannot be in the path.
    /// </summary>
    public static string? ExecFormRefusal(string path) =>
        path.Contains('\\') ? "Python reads the exec-form header as a string literal, where a backslash is an escape" : null;

    /// <summary>
    /// distlib's choice: bare when shlex would leave it bare, double quotes when they need no backslash and cannot end
    /// Python's <c>'''</c> literal, else shlex's single quotes (which never hold three quotes in a row).
    /// </summary>
    public static string ExecForm(string path)
    {
        if (path.Length > 0 && ShellWords.IsShlexSafe(path)) return path;
        if (path.IndexOfAny(['"', '$', '`']) < 0 && !path.Contains("'''")) return $"\"{path}\"";
        return ShellWords.ShlexQuote(path);
    }

    /// <summary>The path of a literal shell word at <paramref name="start"/>; null for none or a computed one.</summary>
    public static PathToken? ReadWord(string text, int start, ShellDialect dialect) =>
        ShellWords.Read(text, start, dialect) is { IsComputed: false } w ? new PathToken(w.Start, w.Length, w.Value) : null;

    private static string Escaped(string path, string special)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in path)
        {
            if (special.Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
