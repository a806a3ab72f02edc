using VenvDoctor.Core.Anatomy;
using System.Text;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// The interpreter header of a console script, in the two forms pip (distlib) writes, and the choice between
/// them made the way distlib makes it: the plain <c>#!/p/bin/python</c> unless the path has a space or the line
/// would exceed 127 bytes (the kernel's limit on Linux), then <c>#!/bin/sh</c> + <c>'''exec' "/p" "$0" "$@"</c>,
/// which runs under sh and is a harmless string literal for Python.
/// </summary>
public static class ShebangHeader
{
    private const string ExecFormStart = "#!/bin/sh\n'''exec' ";
    private const string ExecFormEnd = " \"$0\" \"$@\"\n' '''\n";
    public const int MaxShebangBytes = 127;

    /// <summary>Length in chars of the header at the top of <paramref name="text"/> (the first line, or the three exec-form lines).</summary>
    public static int HeaderLength(string text)
    {
        if (text.StartsWith(ExecFormStart, StringComparison.Ordinal))
        {
            var end = text.IndexOf("\n' '''\n", StringComparison.Ordinal);
            if (end > 0) return end + "\n' '''\n".Length;
        }
        if (!text.StartsWith("#!", StringComparison.Ordinal)) return 0;
        var nl = text.IndexOf('\n');
        return nl < 0 ? text.Length : nl + 1;
    }

    public static bool NeedsExecForm(string interpreter)
    {
        var quoted = interpreter.Contains(' ') ? $"\"{interpreter}\"" : interpreter;
        return interpreter.Contains(' ') || System.Text.Encoding.UTF8.GetByteCount(quoted) + 3 > MaxShebangBytes;
    }

    /// <summary>The header pip would write for <paramref name="interpreter"/>, keeping the old line ending (CRLF or LF).</summary>
    public static string For(string interpreter, bool crlf = false)
    {
        var header = NeedsExecForm(interpreter)
            ? ExecFormStart + ExecQuote(interpreter) + ExecFormEnd
            : $"#!{interpreter}\n";
        return crlf ? header.Replace("\n", "\r\n") : header;
    }

    /// <summary>
    /// distlib wraps a path with a space in double quotes. A path with <c>" $ ` \</c> would need backslashes there,
    /// which Python then also reads inside its triple-quoted literal (an invalid-escape warning on every run), so
    /// such a path is single-quoted the shell way instead.
    /// </summary>
    private static string ExecQuote(string interpreter)
    {
        if (interpreter.IndexOfAny(['"', '$', '`', '\\']) >= 0) return ShellWords.ShlexQuote(interpreter);
        if (interpreter.IndexOfAny([' ', '\'', '\t']) >= 0) return $"\"{interpreter}\"";
        return interpreter;
    }
}
