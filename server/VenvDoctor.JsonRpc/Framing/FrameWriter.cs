using System.Buffers.Text;
using System.Buffers;
using System.IO.Pipelines;

namespace VenvDoctor.JsonRpc.Framing;

/// <summary>Writes one LSP frame: <c>Content-Length: N\r\n\r\n</c> then the body. The caller flushes.</summary>
internal static class FrameWriter
{
    public static void Write(PipeWriter output, ReadOnlySpan<byte> body)
    {
        var span = output.GetSpan(48);
        "Content-Length: "u8.CopyTo(span);
        var at = 16;
        Utf8Formatter.TryFormat(body.Length, span[at..], out var digits);
        at += digits;
        "\r\n\r\n"u8.CopyTo(span[at..]);
        output.Advance(at + 4);
        output.Write(body);
    }
}
