using System.Text.Json;
using VenvDoctor.JsonRpc.Tests.Support;

namespace VenvDoctor.JsonRpc.Tests;

/// <summary>Lifecycle gate, cancellation and the request queue, over an in-process stream pair.</summary>
public class DispatchTests
{
    [Fact(Timeout = 30_000)]
    public async Task Requests_before_initialize_get_32002_even_unknown_ones_and_after_shutdown_32600()
    {
        await using var rpc = RawClient.Start();
        Assert.Equal(RpcErrorCodes.ServerNotInitialized, RawClient.ErrorCode(await rpc.RequestAsync("test/echo")));
        Assert.Equal(RpcErrorCodes.ServerNotInitialized, RawClient.ErrorCode(await rpc.RequestAsync("no/such")));
        await rpc.InitializeAsync();
        Assert.Equal(RpcErrorCodes.MethodNotFound, RawClient.ErrorCode(await rpc.RequestAsync("no/such")));
        await rpc.RequestAsync("shutdown");
        Assert.Equal(RpcErrorCodes.InvalidRequest, RawClient.ErrorCode(await rpc.RequestAsync("test/echo")));
    }

    [Fact(Timeout = 30_000)]
    public async Task Messages_pipelined_behind_initialize_wait_for_it()
    {
        await using var rpc = RawClient.Start();
        var init = await rpc.SendRequestAsync("initialize");
        var echo = await rpc.SendRequestAsync("test/echo", """{"v":2}""");
        // Not refused -32002 for being quick: judged once initialize has answered, so its answer comes first.
        var first = await rpc.NextAsync(m => m.TryGetProperty("id", out _));
        Assert.Equal(init, first.GetProperty("id").GetInt32());
        Assert.True(first.TryGetProperty("result", out _));
        Assert.Equal(2, (await rpc.AnswerToAsync(echo)).GetProperty("result").GetProperty("v").GetInt32());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_cancelled_request_is_answered_32800()
    {
        await using var rpc = RawClient.Start();
        await rpc.InitializeAsync();
        var id = await rpc.SendRequestAsync("test/sleep", """{"ms":60000}""");
        await rpc.NotifyAsync("$/cancelRequest", $$"""{"id":{{id}}}""");
        Assert.Equal(RpcErrorCodes.RequestCancelled, RawClient.ErrorCode(await rpc.AnswerToAsync(id)));
    }

    [Fact(Timeout = 30_000)]
    public async Task State_changing_requests_run_in_arrival_order_and_read_only_ones_alongside()
    {
        await using var rpc = RawClient.Start();
        await rpc.InitializeAsync();
        var slow = await rpc.SendRequestAsync("test/sleepInOrder", """{"ms":300,"tag":"first"}""");
        var fast = await rpc.SendRequestAsync("test/sleepInOrder", """{"ms":0,"tag":"second"}""");
        var reader = await rpc.SendRequestAsync("test/sleep", """{"ms":0,"tag":"reader"}""");

        // The read-only request is not held behind the slow state-changing one.
        var first = await rpc.NextAsync(m => m.TryGetProperty("id", out _));
        Assert.Equal(reader, first.GetProperty("id").GetInt32());
        var order = (await rpc.AnswerToAsync(fast)).GetProperty("result").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["first", "second"], order);
        _ = slow;
    }

    [Fact(Timeout = 30_000)]
    public async Task End_of_input_lets_running_requests_answer()
    {
        await using var rpc = RawClient.Start();
        await rpc.InitializeAsync();
        var id = await rpc.SendRequestAsync("test/sleep", """{"ms":200,"tag":"late"}""");
        await rpc.SendRawAsync([]); // nothing more from the client
        var answer = await rpc.AnswerToAsync(id);
        Assert.Equal("late", answer.GetProperty("result").GetString());
        Assert.Equal(JsonValueKind.String, answer.GetProperty("result").ValueKind);
    }
}
