using System.Text;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// One shell word read from script text: where it starts and ends, what it decodes to, and whether it is computed
/// at run time (<c>$(...)</c>, <c>$VAR</c>, backticks) rather than a literal path.
/// </summary>
public readonly record struct ShellWord(int Start, int Length, string Value, bool IsComputed, char Quoting);

/// <summary>
/// Reads POSIX-shell (and csh/fish-compatible) words the way the activation scripts and pip's exec-form shebangs
/// quote them. Hand-written because no .NET library parses shell quoting; the subset is small: bare words,
/// <c>'single'</c>, <c>"double"</c> with backslash escapes, and concatenations such as <c>'/it'"'"'s'</c>
/// (Python's <c>shlex.quote</c>, used by the CVE-2024-9287 fix).
/// </summary>
public static class ShellWords
{
    /// <summary>
    /// Reads the word starting at <paramref name="start"/> (leading blanks skipped) up to unquoted whitespace,
    /// <c>;</c>, <c>)</c> or end of line. Returns null when there is no word or a quote is left open.
    /// <see cref="ShellWord.Quoting"/> is the first quote used (<c>'"'</c>, <c>'\''</c>) or <c>' '</c> for a bare word.
    /// </summary>
    public static ShellWord? Read(string text, int start, bool fishEscapes = false)
    {
        var i = start;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
        var wordStart = i;
        var sb = new StringBuilder();
        var computed = false;
        char quoting = ' ';
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n' or ';' or ')') break;
            if (c == '\'')
            {
                if (quoting == ' ' && i == wordStart) quoting = '\'';
                var end = i + 1;
                if (fishEscapes)
                {
                    // fish: \' and \\ are escapes inside single quotes.
                    while (end < text.Length && text[end] != '\'')
                    {
                        if (text[end] == '\\' && end + 1 < text.Length && text[end + 1] is '\'' or '\\') { sb.Append(text[end + 1]); end += 2; continue; }
                        if (text[end] == '\n') return null;
                        sb.Append(text[end++]);
                    }
                    if (end >= text.Length) return null;
                }
                else
                {
                    end = text.IndexOf('\'', i + 1);
                    if (end < 0) return null;
                    sb.Append(text, i + 1, end - i - 1);
                }
                i = end + 1;
            }
            else if (c == '"')
            {
                if (quoting == ' ' && i == wordStart) quoting = '"';
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                    {
                        sb.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }
                    if (text[i] == '$' || text[i] == '`')
                    {
                        computed = true;
                        // Skip a $(...) group whole so its inner quotes do not end this word.
                        if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(')
                        {
                            var close = SkipParens(text, i + 1);
                            if (close < 0) return null;
                            sb.Append(text, i, close + 1 - i);
                            i = close + 1;
                            continue;
                        }
                    }
                    sb.Append(text[i++]);
                }
                if (i >= text.Length) return null;
                i++;
            }
            else if (c == '\\' && i + 1 < text.Length && text[i + 1] != '\n')
            {
                sb.Append(text[i + 1]);
                i += 2;
            }
            else if (c == '$' || c == '`')
            {
                computed = true;
                if (c == '$' && i + 1 < text.Length && text[i + 1] == '(')
                {
                    var close = SkipParens(text, i + 1);
                    if (close < 0) return null;
                    sb.Append(text, i, close + 1 - i);
                    i = close + 1;
                    continue;
                }
                sb.Append(c);
                i++;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        if (i == wordStart) return null;
        return new ShellWord(wordStart, i - wordStart, sb.ToString(), computed, quoting);
    }

    /// <summary>Index of the <c>)</c> closing the <c>(</c> at <paramref name="open"/>, honouring nested quotes; -1 if none.</summary>
    internal static int SkipParens(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(': depth++; break;
                case ')': if (--depth == 0) return i; break;
                case '\'':
                    var e = text.IndexOf('\'', i + 1);
                    if (e < 0) return -1;
                    i = e;
                    break;
                case '"':
                    i++;
                    while (i < text.Length && text[i] != '"') { if (text[i] == '\\') i++; i++; }
                    break;
                case '\n': return -1;
            }
        }
        return -1;
    }

    /// <summary>
    /// POSIX shell quoting, exactly as Python's <c>shlex.quote</c> (which the fixed activation templates use, so a
    /// rewritten token is what Python would have written): bare when every character is in its ASCII safe set
    /// (<c>[\w@%+=:,./-]</c> with <c>re.ASCII</c>), else single-quoted with <c>'"'"'</c> for each quote. The one
    /// shell-quoting function: activation scripts, shebangs and the commands we show all use it.
    /// </summary>
    public static string ShlexQuote(string s)
    {
        if (s.Length == 0) return "''";
        if (s.All(c => char.IsAsciiLetterOrDigit(c) || "_@%+=:,./-".Contains(c))) return s;
        return "'" + s.Replace("'", "'\"'\"'") + "'";
    }

    /// <summary>A double-quoted shell word (escapes <c>\ " $ `</c>).</summary>
    public static string DoubleQuote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            if (c is '\\' or '"' or '$' or '`') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
