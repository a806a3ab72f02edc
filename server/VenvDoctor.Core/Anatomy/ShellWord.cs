using System.Text;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// One shell word read from script text: where it starts and ends, what it decodes to, and whether it is computed
/// at run time (<c>$(...)</c>, <c>$VAR</c>, backticks) rather than a literal path.
/// </summary>
public readonly record struct ShellWord(int Start, int Length, string Value, bool IsComputed, char Quoting);

/// <summary>The quoting rules a word is read by: they differ exactly where a hostile path makes them matter.</summary>
public enum ShellDialect
{
    /// <summary>sh/bash/zsh: <c>'...'</c> has no escapes; <c>"..."</c> escapes <c>\ " $ `</c>.</summary>
    Posix,
    /// <summary>csh/tcsh: no escapes in either quote but <c>\!</c> (history) and backslash-newline.</summary>
    Csh,
    /// <summary>fish: <c>'...'</c> escapes <c>\' \\</c>; <c>"..."</c> escapes <c>\" \\ \$</c>; backticks are plain.</summary>
    Fish,
}

/// <summary>
/// Reads shell words the way the activation scripts and pip's exec-form shebangs quote them. Hand-written because no
/// .NET library parses shell quoting; the subset is small: bare words, <c>'single'</c>, <c>"double"</c>, and
/// concatenations such as <c>'/it'"'"'s'</c> (Python's <c>shlex.quote</c>, used by the CVE-2024-9287 fix).
/// Writing words is <see cref="RecordedPathFormats"/>' part; this is the reading half of its shell formats.
/// </summary>
public static class ShellWords
{
    /// <summary>
    /// Reads the word starting at <paramref name="start"/> (leading blanks skipped) up to unquoted whitespace,
    /// <c>;</c>, <c>)</c> or end of line. Returns null when there is no word or a quote is left open.
    /// <see cref="ShellWord.Quoting"/> is the first quote used (<c>'"'</c>, <c>'\''</c>) or <c>' '</c> for a bare word.
    /// </summary>
    public static ShellWord? Read(string text, int start, ShellDialect dialect = ShellDialect.Posix)
    {
        var i = start;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        var scanner = new WordScanner(text, i, dialect);
        return scanner.ReadWord() ? scanner.Result() : null;
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
    /// (<c>[\w@%+=:,./-]</c> with <c>re.ASCII</c>), else single-quoted with <c>'"'"'</c> for each quote. The
    /// sh-cve-quoted format of <see cref="RecordedPathFormats"/>, and the quoting of the commands we show.
    /// </summary>
    public static string ShlexQuote(string s)
    {
        if (s.Length == 0) return "''";
        if (IsShlexSafe(s)) return s;
        return "'" + s.Replace("'", "'\"'\"'") + "'";
    }

    /// <summary>Every character is in <c>shlex.quote</c>'s safe set: the word needs no quotes at all.</summary>
    public static bool IsShlexSafe(string s) => s.All(c => char.IsAsciiLetterOrDigit(c) || "_@%+=:,./-".Contains(c));

    /// <summary>The state of reading one word: where we are, what it decodes to so far, whether it is computed.</summary>
    private sealed class WordScanner
    {
        private readonly string text;
        private readonly int wordStart;
        private readonly ShellDialect dialect;
        private readonly StringBuilder value = new();
        private int i;
        private bool computed;
        private char quoting = ' ';

        public WordScanner(string text, int wordStart, ShellDialect dialect)
        {
            this.text = text;
            this.wordStart = wordStart;
            this.dialect = dialect;
            i = wordStart;
        }

        public ShellWord? Result() =>
            i == wordStart ? null : new ShellWord(wordStart, i - wordStart, value.ToString(), computed, quoting);

        /// <summary>Reads pieces up to the word's end; false when a quote or <c>$(</c> is left open.</summary>
        public bool ReadWord()
        {
            while (i < text.Length)
            {
                var c = text[i];
                if (c is ' ' or '\t' or '\r' or '\n' or ';' or ')') return true;
                if (c is '\'' or '"' && quoting == ' ' && i == wordStart) quoting = c;
                var ok = c switch
                {
                    '\'' => dialect == ShellDialect.Fish ? FishSingleQuoted() : SingleQuoted(),
                    '"' => DoubleQuoted(),
                    _ => Unquoted(c),
                };
                if (!ok) return false;
            }
            return true;
        }

        /// <summary>sh and csh <c>'...'</c>: literal, but csh still reads <c>\!</c> and backslash-newline.</summary>
        private bool SingleQuoted()
        {
            var end = i + 1;
            while (end < text.Length && text[end] != '\'')
            {
                if (dialect == ShellDialect.Csh && text[end] == '\\' && end + 1 < text.Length && text[end + 1] is '!' or '\n')
                    end++;
                value.Append(text[end++]);
            }
            if (end >= text.Length) return false;
            i = end + 1;
            return true;
        }

        /// <summary>fish <c>'...'</c>: <c>\'</c> and <c>\\</c> are escapes; one line (as the scripts write it).</summary>
        private bool FishSingleQuoted()
        {
            var end = i + 1;
            while (end < text.Length && text[end] != '\'')
            {
                if (text[end] == '\\' && end + 1 < text.Length && text[end + 1] is '\'' or '\\') end++;
                value.Append(text[end++]);
            }
            if (end >= text.Length) return false;
            i = end + 1;
            return true;
        }

        /// <summary><c>"..."</c>: the escapes of the dialect; <c>$</c> (and backticks outside fish) make the word computed.</summary>
        private bool DoubleQuoted()
        {
            i++;
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length && EscapedInDoubleQuotes(text[i + 1]))
                {
                    if (text[i + 1] != '\n' || dialect != ShellDialect.Fish) value.Append(text[i + 1]); // fish: a line continuation
                    i += 2;
                    continue;
                }
                if (text[i] == '$' || text[i] == '`' && dialect != ShellDialect.Fish)
                {
                    if (!Substitution()) return false;
                    continue;
                }
                value.Append(text[i++]);
            }
            if (i >= text.Length) return false;
            i++;
            return true;
        }

        private bool EscapedInDoubleQuotes(char next) => dialect switch
        {
            ShellDialect.Posix => next is '"' or '\\' or '$' or '`',
            ShellDialect.Fish => next is '"' or '\\' or '$' or '\n',
            _ => next is '!' or '\n',
        };

        /// <summary>A character outside quotes: a backslash escape, a substitution, or itself.</summary>
        private bool Unquoted(char c)
        {
            if (c == '\\' && i + 1 < text.Length && text[i + 1] != '\n')
            {
                value.Append(text[i + 1]);
                i += 2;
                return true;
            }
            if (c == '$' || c == '`' && dialect != ShellDialect.Fish) return Substitution();
            value.Append(c);
            i++;
            return true;
        }

        /// <summary><c>$</c> or a backtick: the word is computed; a <c>$(...)</c> group is kept whole so its inner quotes do not end the word.</summary>
        private bool Substitution()
        {
            computed = true;
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(')
            {
                var close = SkipParens(text, i + 1);
                if (close < 0) return false;
                value.Append(text, i, close + 1 - i);
                i = close + 1;
                return true;
            }
            value.Append(text[i++]);
            return true;
        }
    }
}
