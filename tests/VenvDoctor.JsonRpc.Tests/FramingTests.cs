using System.Text;
using VenvDoctor.JsonRpc.Tests.Support;

namespace VenvDoctor.JsonRpc.Tests;

/// <summary>What StreamJsonRpc would end the connection over, answered as docs/protocol.md §1.1 says instead.</summary>
public class FramingTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_garbage_header_is_answered_32700_and_the_next_frame_is_served()
    {
        await using var rpc = RawClient.Start();
        await rpc.InitializeAsync();
        await rpc.SendRawAsync(Encoding.ASCII.GetBytes("Content-Lingth: 12\r\n\r\n{garbage}   "));
        var error = await rpc.NextAsync(m => RawClient.ErrorCode(m) is not null);
        Assert.Equal(RpcErrorCodes.ParseError, RawClient.ErrorCode(error));
        Assert.Contains("Malformed frame header", error.GetProperty("error").GetProperty("message").GetString());
        // Header names are case-insensitive (the library alone would close the connection on this one).
        await rpc.SendRawAsync(Encoding.ASCII.GetBytes("content-length: 64\r\n\r\n" + """{"jsonrpc":"2.0","id":77,"method":"test/echo","params":{"x":1}}""".PadRight(64)));
        Assert.Equal(1, (await rpc.AnswerToAsync(77)).GetProperty("result").GetProperty("x").GetInt32());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("{ not json", RpcErrorCodes.ParseError)]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"test/echo"}]""", RpcErrorCodes.InvalidRequest)]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"test/echo"}""", RpcErrorCodes.InvalidRequest)]
    [InlineData("""{"jsonrpc":"2.0","id":{},"method":"test/echo"}""", RpcErrorCodes.InvalidRequest)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"test/echo","params":7}""", RpcErrorCodes.InvalidRequest)]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", RpcErrorCodes.InvalidRequest)]
    public async Task A_bad_body_is_answered_and_the_connection_kept(string body, int code)
    {
        await using var rpc = RawClient.Start();
        await rpc.InitializeAsync();
        await rpc.SendFrameAsync(body);
        Assert.Equal(code, RawClient.ErrorCode(await rpc.NextAsync(m => RawClient.ErrorCode(m) is not null)));
        Assert.Equal("alive", (await rpc.RequestAsync("test/echo", """{"text":"alive"}""")).GetProperty("result").GetProperty("text").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_oversized_frame_is_refused_from_its_header_and_the_connection_closed()
    {
        await using var rpc = RawClient.Start(maxMessageBytes: 4096);
        await rpc.InitializeAsync();
        // Only the header is sent: the refusal cannot have waited for (or buffered) the body.
        await rpc.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 5000000000\r\n\r\n"));
        var error = await rpc.NextAsync(m => RawClient.ErrorCode(m) is not null);
        Assert.Equal(RpcErrorCodes.InvalidRequest, RawClient.ErrorCode(error));
        Assert.Contains("exceeds the maximum of 4096 bytes", error.GetProperty("error").GetProperty("message").GetString());
        await rpc.Server.Completion.WaitAsync(RawClient.Timeout);
        Assert.Equal(ConnectionCloseReason.MessageTooLarge, rpc.Server.CloseReason);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_failing_handler_answers_32603_with_one_line_and_no_stack_trace()
    {
        await using var rpc = RawClient.Start();
        await rpc.InitializeAsync();
        var error = (await rpc.RequestAsync("test/fail")).GetProperty("error");
        Assert.Equal(RpcErrorCodes.InternalError, error.GetProperty("code").GetInt32());
        Assert.Contains("on purpose", error.GetProperty("message").GetString());
        Assert.False(error.TryGetProperty("data", out _), error.GetRawText());
    }
}
