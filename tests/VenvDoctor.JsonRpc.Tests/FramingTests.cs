using System.Text;
using System.Text.Json.Nodes;
using VenvDoctor.JsonRpc.Tests.Support;
using static VenvDoctor.JsonRpc.Tests.Support.PipeHarness;

namespace VenvDoctor.JsonRpc.Tests;

/// <summary>LSP base-protocol framing over in-memory pipes: split, coalesced, UTF-8, bad headers, size limit.</summary>
public class FramingTests
{
    [Fact(Timeout = 10_000)]
    public async Task A_frame_split_into_single_bytes_is_read_whole()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        foreach (var b in Frame(Request(1, "echo", new JsonObject { ["text"] = "split" }).ToJsonString()))
            await h.SendRawAsync([b]);
        Assert.Equal("split", (await h.ReadAsync()).Result().GetString());
    }

    [Fact(Timeout = 10_000)]
    public async Task Frames_coalesced_in_one_write_are_all_answered_in_order_of_their_ids()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        byte[] all = [.. Frame(Request(1, "inc", new JsonObject { ["value"] = 1 }).ToJsonString()),
                      .. Frame(Request(2, "inc", new JsonObject { ["value"] = 2 }).ToJsonString()),
                      .. Frame(Request(3, "inc", new JsonObject { ["value"] = 3 }).ToJsonString())];
        await h.SendRawAsync(all);
        var answers = new Dictionary<int, int>();
        for (var i = 0; i < 3; i++)
        {
            var r = await h.ReadAsync();
            answers[r.GetProperty("id").GetInt32()] = r.Result().GetInt32();
        }
        Assert.Equal(new Dictionary<int, int> { [1] = 2, [2] = 3, [3] = 4 }, answers);
    }

    [Fact(Timeout = 10_000)]
    public async Task Content_length_counts_bytes_of_multi_byte_utf8()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        const string text = "héllo wörld — 🐍 環境";
        var body = Request(1, "echo", new JsonObject { ["text"] = text }).ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.NotEqual(body.Length, Encoding.UTF8.GetByteCount(body));
        // Split inside a multi-byte character too.
        var frame = Frame(body);
        var cut = Array.IndexOf(frame, (byte)0xF0) + 2;
        await h.SendRawAsync(frame[..cut]);
        await h.SendRawAsync(frame[cut..]);
        Assert.Equal(text, (await h.ReadAsync()).Result().GetString());
    }

    [Fact(Timeout = 10_000)]
    public async Task Other_headers_such_as_content_type_are_accepted_and_ignored()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        var body = Encoding.UTF8.GetBytes(Request(7, "inc", new JsonObject { ["value"] = 41 }).ToJsonString());
        await h.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: {body.Length}\r\nX-Whatever: 1\r\n\r\n"), .. body]);
        Assert.Equal(42, (await h.ReadAsync()).Result().GetInt32());
    }

    [Theory(Timeout = 10_000)]
    [InlineData("Content-Type: text/plain\r\n\r\n{}")]                 // no Content-Length
    [InlineData("Content-Length: twelve\r\n\r\n{}")]                  // not a number
    [InlineData("Content-Length: -5\r\n\r\n{}")]                      // negative
    [InlineData("garbage line\r\n\r\n")]                             // no name: value
    [InlineData("Content-Length: 2\n\n{}")]                           // bare LF
    public async Task A_bad_header_is_reported_and_the_next_frame_is_still_served(string bad)
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendRawAsync(bad);
        await h.SendAsync(Request(1, "inc", new JsonObject { ["value"] = 1 }));

        var error = await h.ReadAsync();
        Assert.Equal(RpcErrorCodes.ParseError, error.ErrorCode());
        Assert.True(error.HasNullId());
        Assert.Contains("header", error.GetProperty("error").GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, (await h.ReadAsync()).Result().GetInt32());
    }

    [Fact(Timeout = 10_000)]
    public async Task Garbage_without_any_header_end_is_skipped_to_the_next_content_length()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendRawAsync(new string('x', FrameReaderLimits.MaxHeaderBytes + 100));
        await h.SendAsync(Request(1, "inc", new JsonObject { ["value"] = 9 }));
        Assert.Equal(RpcErrorCodes.ParseError, (await h.ReadAsync()).ErrorCode());
        Assert.Equal(10, (await h.ReadAsync()).Result().GetInt32());
    }

    [Fact(Timeout = 10_000)]
    public async Task An_oversized_length_gets_an_error_and_a_clean_close_without_buffering_it()
    {
        await using var h = new PipeHarness(TestMethods.Basic(), new RpcConnectionOptions { MaxMessageBytes = 1024 });
        // Announce 10 GB; send a little. Buffering it would run out of memory; we must refuse at once.
        await h.SendRawAsync("Content-Length: 10000000000\r\n\r\n{\"jsonrpc\":");
        var error = await h.ReadAsync();
        Assert.Equal(RpcErrorCodes.InvalidRequest, error.ErrorCode());
        Assert.Contains("exceeds the maximum of 1024 bytes", error.GetProperty("error").GetProperty("message").GetString());
        await h.Running.WaitAsync(WaitLimit);
        Assert.Equal(ConnectionCloseReason.MessageTooLarge, h.Connection.CloseReason);
        Assert.True(await h.OutputEndsAsync());
    }

    [Fact(Timeout = 10_000)]
    public async Task A_frame_at_the_size_limit_is_accepted()
    {
        await using var h = new PipeHarness(TestMethods.Basic(), new RpcConnectionOptions { MaxMessageBytes = 1024 });
        var text = new string('a', 1024 - Request(1, "echo", new JsonObject { ["text"] = "" }).ToJsonString().Length);
        var body = Request(1, "echo", new JsonObject { ["text"] = text }).ToJsonString();
        Assert.Equal(1024, body.Length);
        await h.SendAsync(body);
        Assert.Equal(text, (await h.ReadAsync()).Result().GetString());
    }

    [Fact(Timeout = 10_000)]
    public async Task End_of_input_inside_a_frame_stops_cleanly()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendRawAsync("Content-Length: 100\r\n\r\n{\"jsonrpc\"");
        await h.CloseInputAsync();
        await h.Running.WaitAsync(WaitLimit);
        Assert.Equal(ConnectionCloseReason.EndOfInput, h.Connection.CloseReason);
        Assert.True(await h.OutputEndsAsync());
    }
}
