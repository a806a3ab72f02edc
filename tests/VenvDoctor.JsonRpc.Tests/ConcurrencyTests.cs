using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using VenvDoctor.JsonRpc.Tests.Support;
using static VenvDoctor.JsonRpc.Tests.Support.PipeHarness;

namespace VenvDoctor.JsonRpc.Tests;

/// <summary>Scheduling: concurrent requests, state-changing ones in order, cancellation, draining at end of input.</summary>
public class ConcurrencyTests
{
    [Fact(Timeout = 10_000)]
    public async Task Requests_run_concurrently()
    {
        // "wait" can only finish once "release" has run: serial dispatch would deadlock (and time out).
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var methods = new RpcMethodTable()
            .AddRequest("wait", TestJsonContext.Default.JsonElement, TestJsonContext.Default.String, async (_, _, ct) =>
            {
                await gate.Task.WaitAsync(ct);
                return "waited";
            })
            .AddRequest("release", TestJsonContext.Default.JsonElement, TestJsonContext.Default.String, (_, _, _) =>
            {
                gate.TrySetResult();
                return ValueTask.FromResult("released");
            });
        await using var h = new PipeHarness(methods);
        await h.SendAsync(Request(1, "wait"));
        await h.SendAsync(Request(2, "release"));
        var results = new[] { await h.ReadAsync(), await h.ReadAsync() }.Select(r => r.Result().GetString()).ToHashSet();
        Assert.Equal(["waited", "released"], results);
    }

    [Fact(Timeout = 10_000)]
    public async Task State_changing_requests_run_one_at_a_time_in_arrival_order()
    {
        var order = new ConcurrentQueue<string>();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var overlapped = false;
        var methods = new RpcMethodTable()
            .AddRequest("change", TestJsonContext.Default.EchoParams, TestJsonContext.Default.String, async (p, _, _) =>
            {
                if (Interlocked.Increment(ref running) > 1) overlapped = true;
                order.Enqueue("start " + p.Text);
                if (p.Text == "a") { firstStarted.TrySetResult(); await releaseFirst.Task; }
                else await Task.Yield();
                order.Enqueue("end " + p.Text);
                Interlocked.Decrement(ref running);
                return p.Text;
            }, MethodOptions.ChangesState)
            .AddRequest("read", TestJsonContext.Default.JsonElement, TestJsonContext.Default.String,
                (_, _, _) => ValueTask.FromResult(string.Join(",", order)));
        await using var h = new PipeHarness(methods);

        foreach (var name in new[] { "a", "b", "c", "d" })
            await h.SendAsync(Request(name, "change", new JsonObject { ["text"] = name }));
        await firstStarted.Task.WaitAsync(WaitLimit);
        // A plain request is not held up by the blocked state-changing one; and b, c, d have not started.
        await h.SendAsync(Request("r", "read"));
        var read = await h.ReadAsync();
        Assert.Equal("start a", read.Result().GetString());

        releaseFirst.SetResult();
        var answered = new List<string>();
        for (var i = 0; i < 4; i++) answered.Add((await h.ReadAsync()).Result().GetString()!);
        Assert.Equal(["a", "b", "c", "d"], answered);
        Assert.Equal(["start a", "end a", "start b", "end b", "start c", "end c", "start d", "end d"], order);
        Assert.False(overlapped);
    }

    [Fact(Timeout = 10_000)]
    public async Task An_inline_notification_is_in_force_for_the_request_sent_right_after_it()
    {
        // The notification's handler takes a moment; scheduled like other work, the request after it would run
        // alongside and read the old value (what once made $/setTrace race the next request's log).
        var level = 0;
        var methods = new RpcMethodTable()
            .AddNotification("setLevel", TestJsonContext.Default.EchoParams, (p, _) =>
            {
                Thread.Sleep(2); // a synchronous handler that is not instant; it must still finish first
                Volatile.Write(ref level, int.Parse(p.Text));
                return ValueTask.CompletedTask;
            }, MethodOptions.RunsInline)
            .AddRequest("getLevel", TestJsonContext.Default.JsonElement, TestJsonContext.Default.String,
                (_, _, _) => ValueTask.FromResult(Volatile.Read(ref level).ToString()));
        await using var h = new PipeHarness(methods);

        for (var i = 1; i <= 20; i++)
        {
            await h.SendAsync(Notification("setLevel", new JsonObject { ["text"] = i.ToString() }));
            await h.SendAsync(Request(i, "getLevel"));
            Assert.Equal(i.ToString(), (await h.ReadAsync()).Result().GetString());
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task CancelRequest_cancels_the_handler_token_and_answers_32800()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var methods = new RpcMethodTable()
            .AddRequest("slow", TestJsonContext.Default.JsonElement, TestJsonContext.Default.String, async (_, _, ct) =>
            {
                started.TrySetResult();
                await Task.Delay(WaitLimit.Multiply(3), ct);
                return "not cancelled";
            });
        await using var h = new PipeHarness(methods);
        await h.SendAsync(Request("s1", "slow"));
        await started.Task.WaitAsync(WaitLimit);
        await h.SendAsync(Notification("$/cancelRequest", new JsonObject { ["id"] = "s1" }));
        var r = await h.ReadAsync();
        Assert.Equal("s1", r.GetProperty("id").GetString());
        Assert.Equal(RpcErrorCodes.RequestCancelled, r.ErrorCode());
    }

    [Fact(Timeout = 10_000)]
    public async Task Cancelling_an_unknown_or_finished_request_is_harmless()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendAsync(Notification("$/cancelRequest", new JsonObject { ["id"] = 12345 }));
        await h.SendAsync(Notification("$/cancelRequest", new JsonObject { ["nope"] = true }));
        await h.SendAsync(Request(1, "inc", new JsonObject { ["value"] = 1 }));
        Assert.Equal(2, (await h.ReadAsync()).Result().GetInt32());
    }

    [Fact(Timeout = 10_000)]
    public async Task Requests_running_at_end_of_input_are_still_answered()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var methods = new RpcMethodTable()
            .AddRequest("work", TestJsonContext.Default.JsonElement, TestJsonContext.Default.String, async (_, _, _) =>
            {
                started.TrySetResult();
                await release.Task;
                return "done";
            });
        await using var h = new PipeHarness(methods);
        await h.SendAsync(Request(1, "work"));
        await started.Task.WaitAsync(WaitLimit);
        await h.CloseInputAsync();
        release.SetResult();
        Assert.Equal("done", (await h.ReadAsync()).Result().GetString());
        await h.Running.WaitAsync(WaitLimit);
        Assert.Equal(ConnectionCloseReason.EndOfInput, h.Connection.CloseReason);
    }

    [Fact(Timeout = 20_000)]
    public async Task Many_pipelined_requests_all_get_whole_unmixed_answers()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        const int count = 2000;
        var frames = Enumerable.Range(0, count).SelectMany(i => Frame(Request(i, "echo", new JsonObject { ["text"] = new string('x', i % 300) }).ToJsonString())).ToArray();
        var send = h.SendRawAsync(frames);
        var seen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var r = await h.ReadAsync();
            var id = r.GetProperty("id").GetInt32();
            Assert.Equal(new string('x', id % 300), r.Result().GetString());
            Assert.True(seen.Add(id));
        }
        await send;
    }
}
