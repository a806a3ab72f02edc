using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace VenvDoctor.JsonRpc.Framing;

internal enum FrameStatus
{
    /// <summary>Not a whole frame yet: keep the bytes and read more.</summary>
    NeedMoreData,
    /// <summary>A whole frame: <see cref="FrameResult.Body"/> is its content.</summary>
    Frame,
    /// <summary>The header is missing or garbled; the reader is now skipping to the next <c>Content-Length:</c>.</summary>
    BadHeader,
    /// <summary>The announced length exceeds the limit: the connection should be closed (reading it would be unbounded).</summary>
    TooLarge,
}

internal readonly record struct FrameResult(FrameStatus Status, ReadOnlySequence<byte> Body = default, string? Error = null);

/// <summary>
/// LSP base-protocol framing: header lines (<c>Name: value</c>, CRLF-terminated) up to a blank line, then exactly
/// <c>Content-Length</c> bytes. Only framing: it never looks inside the body. Unknown headers such as
/// <c>Content-Type</c> are accepted and ignored.
/// </summary>
/// <remarks>
/// Ours, not StreamJsonRpc's: its HeaderDelimitedMessageHandler matches `Content-Length` case-sensitively, closes the
/// connection on any bad header and buffers whatever length a header announces. The contract (docs/protocol.md §1.1) wants
/// case-insensitive names, a refusal of an oversized frame from its header alone, and after a bad header a -32700 and a
/// resynchronisation at the next <c>Content-Length:</c> instead of giving up on the connection. The body goes to the library.
/// </remarks>
internal sealed class FrameReader(long maxMessageBytes)
{
    /// <summary>A header block longer than this is garbage, not a header.</summary>
    public const int MaxHeaderBytes = 8 * 1024;

    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;
    private static ReadOnlySpan<byte> ContentLengthName => "Content-Length:"u8;

    private bool resynchronising;

    public long MaxMessageBytes { get; } = maxMessageBytes;

    /// <summary>Reads one frame from the front of <paramref name="buffer"/>, slicing off what it consumed.</summary>
    public FrameResult TryRead(ref ReadOnlySequence<byte> buffer)
    {
        if (resynchronising && !SkipToNextContentLength(ref buffer))
            return new FrameResult(FrameStatus.NeedMoreData);

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> header, HeaderEnd, advancePastDelimiter: true))
        {
            if (buffer.Length > MaxHeaderBytes)
                return Bad(ref buffer, $"no end of header (blank line) within {MaxHeaderBytes} bytes");
            if (HasBareLineFeed(buffer))
                return Bad(ref buffer, "header lines must end with CRLF");
            return new FrameResult(FrameStatus.NeedMoreData);
        }
        if (header.Length > MaxHeaderBytes)
            return Bad(ref buffer, $"header longer than {MaxHeaderBytes} bytes");

        var error = ParseHeader(header, out var contentLength);
        if (error is not null)
            return Bad(ref buffer, error);
        if (contentLength > MaxMessageBytes)
            return new FrameResult(FrameStatus.TooLarge, Error:
                $"message of {contentLength} bytes exceeds the maximum of {MaxMessageBytes} bytes");

        if (reader.Remaining < contentLength)
            return new FrameResult(FrameStatus.NeedMoreData);
        var body = buffer.Slice(reader.Position, contentLength);
        buffer = buffer.Slice(body.End);
        return new FrameResult(FrameStatus.Frame, body);
    }

    private FrameResult Bad(ref ReadOnlySequence<byte> buffer, string error)
    {
        // Step past the first byte so the scan cannot find the very header that just failed.
        buffer = buffer.Slice(1);
        resynchronising = true;
        return new FrameResult(FrameStatus.BadHeader, Error: error);
    }

    /// <summary>Drops bytes up to the next <c>Content-Length:</c> (any case); false when it is not in the buffer yet.</summary>
    private bool SkipToNextContentLength(ref ReadOnlySequence<byte> buffer)
    {
        var bytes = buffer.IsSingleSegment ? buffer.FirstSpan : buffer.ToArray();
        for (var i = 0; i + ContentLengthName.Length <= bytes.Length; i++)
        {
            if ((bytes[i] | 0x20) != 'c') continue;
            if (Ascii.EqualsIgnoreCase(bytes.Slice(i, ContentLengthName.Length), ContentLengthName))
            {
                buffer = buffer.Slice(i);
                resynchronising = false;
                return true;
            }
        }
        // Keep a tail that could be the start of a name split across reads.
        var keep = Math.Min(buffer.Length, ContentLengthName.Length - 1);
        buffer = buffer.Slice(buffer.Length - keep);
        return false;
    }

    private static bool HasBareLineFeed(ReadOnlySequence<byte> buffer)
    {
        var bytes = buffer.IsSingleSegment ? buffer.FirstSpan : buffer.ToArray();
        var lf = bytes.IndexOf((byte)'\n');
        return lf == 0 || (lf > 0 && bytes[lf - 1] != '\r');
    }

    private static string? ParseHeader(ReadOnlySequence<byte> header, out long contentLength)
    {
        contentLength = -1;
        Span<byte> block = header.Length <= 512 ? stackalloc byte[(int)header.Length] : new byte[header.Length];
        header.CopyTo(block);
        while (!block.IsEmpty)
        {
            var end = block.IndexOf("\r\n"u8);
            var line = end < 0 ? block : block[..end];
            block = end < 0 ? [] : block[(end + 2)..];
            if (line.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
                return "header lines must end with CRLF";
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
                return $"header line without a name: '{Printable(line)}'";
            var name = line[..colon].Trim((byte)' ');
            if (!Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
                continue; // Content-Type and any other header: accepted, ignored.
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0)
                return $"Content-Length is not a byte count: '{Printable(value)}'";
            contentLength = length;
        }
        return contentLength < 0 ? "missing Content-Length header" : null;
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.Length > 60 ? bytes[..60] : bytes);
        return new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
