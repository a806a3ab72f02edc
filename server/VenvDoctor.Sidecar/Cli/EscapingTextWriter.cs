using System.Text;
using VenvDoctor.Core.Display;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// A writer for text this program does not compose line by line — the console logger's lines on stderr, which quote
/// paths from the workspace — that escapes what <see cref="TerminalText"/> escapes, except the newlines that end its
/// lines. <see cref="TerminalWriter"/> is the writer for our own lines; this one only guards what others write.
/// </summary>
internal sealed class EscapingTextWriter(TextWriter inner) : TextWriter
{
    private char? pendingHigh; // half a pair written alone, kept until the next character says whether it is whole

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (pendingHigh is { } high)
        {
            pendingHigh = null;
            if (char.IsLowSurrogate(value)) { inner.Write(high); inner.Write(value); return; }
            inner.Write(TerminalText.Escape(high.ToString()));
        }
        if (char.IsHighSurrogate(value)) pendingHigh = value;
        else inner.Write(value == '\n' ? "\n" : TerminalText.Escape(value.ToString()));
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        foreach (var c in value) Write(c);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        for (var i = index; i < index + count; i++) Write(buffer[i]);
    }

    public override void Flush()
    {
        if (pendingHigh is { } high) { pendingHigh = null; inner.Write(TerminalText.Escape(high.ToString())); }
        inner.Flush();
    }
}
