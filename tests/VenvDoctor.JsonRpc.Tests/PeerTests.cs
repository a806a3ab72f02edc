using System.Text.Json;
using System.Text.Json.Nodes;
using VenvDoctor.JsonRpc.Tests.Support;
using static VenvDoctor.JsonRpc.Tests.Support.PipeHarness;

namespace VenvDoctor.JsonRpc.Tests;

/// <summary>Server-to-client traffic: requests with their own pending table, notifications, progress.</summary>
public class PeerTests
{
    [Fact(Timeout = 10_000)]
    public async Task A_server_request_gets_the_client_answer()
    {
        await using var h = new PipeHarness(new RpcMethodTable());
        var ask = h.Connection.RequestAsync("workspace/configuration", JsonDocument.Parse("""{"items":[{"section":"python"}]}""").RootElement,
            TestJsonContext.Default.JsonElement, TestJsonContext.Default.String);

        var request = await h.ReadAsync();
        Assert.Equal("workspace/configuration", request.GetProperty("method").GetString());
        Assert.Equal("python", request.GetProperty("params").GetProperty("items")[0].GetProperty("section").GetString());
        await h.SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(request.GetProperty("id").GetRawText()), ["result"] = "answer" });
        Assert.Equal("answer", await ask.WaitAsync(WaitLimit));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_client_error_answer_becomes_an_RpcException()
    {
        await using var h = new PipeHarness(new RpcMethodTable());
        var ask = h.Connection.RequestAsync("window/showMessageRequest", default(JsonElement), TestJsonContext.Default.JsonElement, TestJsonContext.Default.String);
        var request = await h.ReadAsync();
        await h.SendAsync(new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(request.GetProperty("id").GetRawText()),
            ["error"] = new JsonObject { ["code"] = -32601, ["message"] = "not supported" },
        });
        var ex = await Assert.ThrowsAsync<RpcException>(() => ask.WaitAsync(WaitLimit));
        Assert.Equal(-32601, ex.Code);
        Assert.Contains("not supported", ex.Message);
    }

    [Fact(Timeout = 10_000)]
    public async Task Pending_server_requests_fail_with_connection_lost_on_disconnect()
    {
        var h = new PipeHarness(new RpcMethodTable());
        var ask = h.Connection.RequestAsync("window/workDoneProgress/create", default(JsonElement), TestJsonContext.Default.JsonElement, TestJsonContext.Default.JsonElement);
        await h.ReadAsync(); // the request went out; the client never answers and goes away
        await h.CloseInputAsync();
        var ex = await Assert.ThrowsAsync<RpcConnectionLostException>(() => ask.WaitAsync(WaitLimit));
        Assert.Equal("connection lost", ex.Message);
        await h.Running.WaitAsync(WaitLimit);
        // And a request after the close fails at once the same way.
        await Assert.ThrowsAsync<RpcConnectionLostException>(() => h.Connection.RequestAsync("x", default(JsonElement), TestJsonContext.Default.JsonElement, TestJsonContext.Default.JsonElement));
    }

    [Fact(Timeout = 10_000)]
    public async Task Cancelling_a_server_request_tells_the_client()
    {
        await using var h = new PipeHarness(new RpcMethodTable());
        using var cts = new CancellationTokenSource();
        var ask = h.Connection.RequestAsync("workspace/configuration", default(JsonElement), TestJsonContext.Default.JsonElement, TestJsonContext.Default.JsonElement, cts.Token);
        var request = await h.ReadAsync();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask.WaitAsync(WaitLimit));
        var cancel = await h.ReadAsync();
        Assert.Equal("$/cancelRequest", cancel.GetProperty("method").GetString());
        Assert.Equal(request.GetProperty("id").GetInt64(), cancel.GetProperty("params").GetProperty("id").GetInt64());
    }

    [Fact(Timeout = 10_000)]
    public async Task Progress_goes_to_the_client_tokens_before_the_response_and_never_after()
    {
        RequestContext? kept = null;
        var methods = new RpcMethodTable()
            .AddRequest("scan", TestJsonContext.Default.JsonElement, TestJsonContext.Default.Int32, async (_, context, ct) =>
            {
                kept = context;
                await context.BeginWorkAsync("Scanning", cancellable: true);
                var sent = await context.ReportPartialResultAsync("first", TestJsonContext.Default.String, ct);
                await context.ReportWorkAsync("half", 50);
                await context.EndWorkAsync();
                return sent ? 1 : 0;
            });
        await using var h = new PipeHarness(methods);
        await h.SendAsync(Request(1, "scan", new JsonObject { ["workDoneToken"] = "wd", ["partialResultToken"] = 7 }));

        var messages = new List<JsonElement>();
        for (var i = 0; i < 5; i++) messages.Add(await h.ReadAsync());
        Assert.All(messages.Take(4), m => Assert.Equal("$/progress", m.GetProperty("method").GetString()));
        Assert.Equal("begin", messages[0].GetProperty("params").GetProperty("value").GetProperty("kind").GetString());
        Assert.Equal("wd", messages[0].GetProperty("params").GetProperty("token").GetString());
        Assert.Equal(7, messages[1].GetProperty("params").GetProperty("token").GetInt32());
        Assert.Equal("first", messages[1].GetProperty("params").GetProperty("value").GetString());
        Assert.Equal(50, messages[2].GetProperty("params").GetProperty("value").GetProperty("percentage").GetInt32());
        Assert.Equal("end", messages[3].GetProperty("params").GetProperty("value").GetProperty("kind").GetString());
        Assert.Equal(1, messages[4].Result().GetInt32());

        // After the response, progress on that request is dropped.
        Assert.False(await kept!.ReportPartialResultAsync("late", TestJsonContext.Default.String));
        await h.SendAsync(Request(2, "scan"));
        Assert.Equal(0, (await h.ReadAsync()).Result().GetInt32()); // no tokens: no progress at all, not even the response's
    }

    [Fact(Timeout = 10_000)]
    public async Task Notifications_to_the_client_are_framed_whole()
    {
        await using var h = new PipeHarness(new RpcMethodTable());
        await h.Connection.NotifyAsync("window/logMessage", "héllo", TestJsonContext.Default.String);
        var m = await h.ReadAsync();
        Assert.Equal("window/logMessage", m.GetProperty("method").GetString());
        Assert.Equal("héllo", m.GetProperty("params").GetString());
        Assert.False(m.TryGetProperty("id", out _));
    }
}
