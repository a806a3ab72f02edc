using System.Buffers;
using System.Text;
using VenvDoctor.JsonRpc.Framing;

namespace VenvDoctor.JsonRpc.Tests;

/// <summary>The header parser on its own, where a pipe would hide what it consumed.</summary>
public class FrameReaderTests
{
    private static ReadOnlySequence<byte> Bytes(string s) => new(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void Needs_more_data_until_the_whole_body_is_there_and_consumes_nothing_meanwhile()
    {
        var reader = new FrameReader(1000);
        var buffer = Bytes("Content-Length: 10\r\n\r\n{\"a\":");
        var before = buffer.Length;
        Assert.Equal(FrameStatus.NeedMoreData, reader.TryRead(ref buffer).Status);
        Assert.Equal(before, buffer.Length);
    }

    [Fact]
    public void Reads_exactly_content_length_bytes_and_leaves_the_rest()
    {
        var reader = new FrameReader(1000);
        var buffer = Bytes("Content-Length: 2\r\n\r\n{}Content-Length: 2\r\n\r\n[]");
        var first = reader.TryRead(ref buffer);
        Assert.Equal(FrameStatus.Frame, first.Status);
        Assert.Equal("{}", Encoding.UTF8.GetString(first.Body.ToArray()));
        Assert.Equal("[]", Encoding.UTF8.GetString(reader.TryRead(ref buffer).Body.ToArray()));
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void A_zero_length_body_is_a_frame()
    {
        var reader = new FrameReader(1000);
        var buffer = Bytes("Content-Length: 0\r\n\r\n");
        var frame = reader.TryRead(ref buffer);
        Assert.Equal(FrameStatus.Frame, frame.Status);
        Assert.True(frame.Body.IsEmpty);
    }

    [Fact]
    public void After_a_bad_header_it_skips_to_a_content_length_even_one_split_across_reads()
    {
        var reader = new FrameReader(1000);
        var buffer = Bytes("Bogus\r\n\r\nnoise noise Content-Len");
        Assert.Equal(FrameStatus.BadHeader, reader.TryRead(ref buffer).Status);
        Assert.Equal(FrameStatus.NeedMoreData, reader.TryRead(ref buffer).Status);
        Assert.True(buffer.Length < "Content-Length:".Length);
        buffer = new ReadOnlySequence<byte>([.. buffer.ToArray(), .. "gth: 2\r\n\r\n{}"u8.ToArray()]);
        var frame = reader.TryRead(ref buffer);
        Assert.Equal(FrameStatus.Frame, frame.Status);
        Assert.Equal("{}", Encoding.UTF8.GetString(frame.Body.ToArray()));
    }

    [Fact]
    public void Too_large_is_decided_from_the_header_alone()
    {
        var reader = new FrameReader(100);
        var buffer = Bytes("Content-Length: 101\r\n\r\n");
        var frame = reader.TryRead(ref buffer);
        Assert.Equal(FrameStatus.TooLarge, frame.Status);
        Assert.Contains("101", frame.Error);
    }
}
