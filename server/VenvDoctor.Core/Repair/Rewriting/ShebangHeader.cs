using VenvDoctor.Core.Anatomy;
using System.Text;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// The interpreter header of a console script, in the two forms pip (distlib) writes, and the choice between
/// them made the way distlib makes it: the plain <c>#!/p/bin/python</c> unless the shebang format cannot carry the
/// path (a blank, or a line over 127 bytes: the kernel's limit on Linux), then <c>#!/bin/sh</c> + <c>'''exec' "/p" "$0" "$@"</c>,
/// which runs under sh and is a harmless string literal for Python.
/// </summary>
public static class ShebangHeader
{
    private const string ExecFormStart = "#!/bin/sh\n'''exec' ";
    private const string ExecFormEnd = " \"$0\" \"$@\"\n' '''\n";

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

    /// <summary>The plain shebang cannot carry the path (a blank, a line break, a line over 127 bytes).</summary>
    public static bool NeedsExecForm(string interpreter) =>
        RecordedPathFormats.Get(RecordedPathFormats.Shebang).Refusal(interpreter) is not null;

    /// <summary>
    /// The header pip would write for <paramref name="interpreter"/>, keeping the old line ending (CRLF or LF);
    /// throws <see cref="UnencodablePathException"/> when neither form can carry it.
    /// </summary>
    public static string For(string interpreter, bool crlf = false)
    {
        var header = NeedsExecForm(interpreter)
            ? ExecFormStart + RecordedPathFormats.Encode(RecordedPathFormats.ExecForm, interpreter) + ExecFormEnd
            : $"#!{interpreter}\n";
        return crlf ? header.Replace("\n", "\r\n") : header;
    }

    /// <summary>
    /// The trampoline that runs the interpreter <paramref name="name"/> found beside the script at run time (make-relocatable),
    /// in the exec form pip writes, keeping the old line ending.
    /// </summary>
    public static string SelfLocating(string name, bool crlf = false)
    {
        var header = ExecFormStart + RecordedPathFormats.SelfLocatingExecWord(name) + ExecFormEnd;
        return crlf ? header.Replace("\n", "\r\n") : header;
    }
}
