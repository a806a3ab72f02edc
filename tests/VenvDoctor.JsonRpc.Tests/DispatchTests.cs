using System.Text.Json;
using System.Text.Json.Nodes;
using VenvDoctor.JsonRpc.Tests.Support;
using static VenvDoctor.JsonRpc.Tests.Support.PipeHarness;

namespace VenvDoctor.JsonRpc.Tests;

/// <summary>JSON-RPC 2.0 message handling: ids, error codes, wrong shapes, batches, handler failures.</summary>
public class DispatchTests
{
    [Fact(Timeout = 10_000)]
    public async Task String_and_number_ids_are_echoed_exactly()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendAsync(Request("abc-1", "inc", new JsonObject { ["value"] = 1 }));
        var r1 = await h.ReadAsync();
        Assert.Equal("abc-1", r1.GetProperty("id").GetString());
        await h.SendAsync(Request(9007199254740991, "inc", new JsonObject { ["value"] = 1 }));
        Assert.Equal(9007199254740991, (await h.ReadAsync()).GetProperty("id").GetInt64());
    }

    [Fact(Timeout = 10_000)]
    public async Task A_body_that_is_not_json_gets_32700_with_a_null_id_and_serving_continues()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendAsync("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
        await h.SendRawAsync([.. "Content-Length: 4\r\n\r\n"u8, 0xff, 0xfe, 0x7b, 0x7d]); // not UTF-8
        await h.SendAsync(Request(2, "inc", new JsonObject { ["value"] = 1 }));
        var first = await h.ReadAsync();
        Assert.Equal(RpcErrorCodes.ParseError, first.ErrorCode());
        Assert.True(first.HasNullId());
        Assert.Equal(RpcErrorCodes.ParseError, (await h.ReadAsync()).ErrorCode());
        Assert.Equal(2, (await h.ReadAsync()).Result().GetInt32());
    }

    [Theory(Timeout = 10_000)]
    [InlineData("method")]
    [InlineData("id")]
    [InlineData("params")]
    public async Task Invalid_utf8_inside_a_string_is_a_bad_request_not_a_crash(string where)
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        // JsonDocument accepts these bytes and only fails when the string is read.
        var json = where switch
        {
            "method" => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"in\xB9c\"}",
            "id" => "{\"jsonrpc\":\"2.0\",\"id\":\"\xB9\",\"method\":\"echo\",\"params\":{\"text\":\"a\"}}",
            _ => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"\xB9\"}}",
        };
        var body = json.Select(c => (byte)c).ToArray(); // Latin-1: \xB9 stays one raw byte, invalid as UTF-8
        await h.SendRawAsync([.. System.Text.Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);
        var error = await h.ReadAsync();
        Assert.True(error.GetProperty("error").GetProperty("code").GetInt32() is RpcErrorCodes.InvalidRequest or RpcErrorCodes.InvalidParams or RpcErrorCodes.ParseError);
        await h.SendAsync(Request(2, "inc", new JsonObject { ["value"] = 1 }));
        Assert.Equal(2, (await h.ReadAsync()).Result().GetInt32());
    }

    [Theory(Timeout = 10_000)]
    [InlineData("42")]                                                   // not an object
    [InlineData("\"hello\"")]
    [InlineData("{\"id\":1,\"method\":\"inc\"}")]                        // no jsonrpc
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"inc\"}")]    // wrong version
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}")]          // method not a string
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"inc\",\"params\":\"x\"}")] // params not structured
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"inc\"}")] // id an object
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}")]                       // neither request nor response
    public async Task Wrong_shapes_get_32600(string body)
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendAsync(body);
        Assert.Equal(RpcErrorCodes.InvalidRequest, (await h.ReadAsync()).ErrorCode());
        await h.SendAsync(Request(2, "inc", new JsonObject { ["value"] = 1 }));
        Assert.Equal(2, (await h.ReadAsync()).Result().GetInt32());
    }

    [Fact(Timeout = 10_000)]
    public async Task An_unknown_method_gets_32601_and_an_unknown_notification_gets_nothing()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendAsync(Notification("no/such/notification"));
        await h.SendAsync(Request(1, "no/such/method"));
        var r = await h.ReadAsync(); // the first thing written answers the request: the notification got nothing
        Assert.Equal(1, r.GetProperty("id").GetInt32());
        Assert.Equal(RpcErrorCodes.MethodNotFound, r.ErrorCode());
        Assert.Contains("no/such/method", r.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact(Timeout = 10_000)]
    public async Task Params_of_the_wrong_type_get_32602()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendAsync(Request(1, "inc", new JsonObject { ["value"] = "not a number" }));
        Assert.Equal(RpcErrorCodes.InvalidParams, (await h.ReadAsync()).ErrorCode());
    }

    [Fact(Timeout = 10_000)]
    public async Task A_throwing_handler_gets_32603_and_the_server_keeps_serving()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendAsync(Request(1, "boom"));
        var error = await h.ReadAsync();
        Assert.Equal(RpcErrorCodes.InternalError, error.ErrorCode());
        Assert.Contains("kaboom", error.GetProperty("error").GetProperty("message").GetString());
        await h.SendAsync(Request(2, "inc", new JsonObject { ["value"] = 1 }));
        Assert.Equal(2, (await h.ReadAsync()).Result().GetInt32());
    }

    [Fact(Timeout = 10_000)]
    public async Task An_RpcException_keeps_its_code_message_and_data()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendAsync(Request(1, "refuse"));
        var error = (await h.ReadAsync()).GetProperty("error");
        Assert.Equal(RpcErrorCodes.RequestFailed, error.GetProperty("code").GetInt32());
        Assert.Equal("no, thanks", error.GetProperty("message").GetString());
        Assert.Equal("test", error.GetProperty("data").GetProperty("why").GetString());
    }

    [Fact(Timeout = 10_000)]
    public async Task A_batch_is_answered_with_one_array_without_the_notifications()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        var batch = new JsonArray(
            Request(1, "inc", new JsonObject { ["value"] = 10 }),
            Notification("inc", new JsonObject { ["value"] = 0 }),
            Request(2, "no/such/method"),
            JsonValue.Create(5),
            Request("three", "echo", new JsonObject { ["text"] = "t" }));
        await h.SendAsync(batch);
        var answer = await h.ReadAsync();
        Assert.Equal(JsonValueKind.Array, answer.ValueKind);
        var items = answer.EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.Equal(11, items.Single(i => i.GetProperty("id").ValueKind == JsonValueKind.Number && i.GetProperty("id").GetInt32() == 1).Result().GetInt32());
        Assert.Equal(RpcErrorCodes.MethodNotFound, items.Single(i => i.GetProperty("id").ValueKind == JsonValueKind.Number && i.GetProperty("id").GetInt32() == 2).ErrorCode());
        Assert.Equal(RpcErrorCodes.InvalidRequest, items.Single(i => i.HasNullId()).ErrorCode());
        Assert.Equal("t", items.Single(i => i.GetProperty("id").ValueKind == JsonValueKind.String).Result().GetString());
    }

    [Fact(Timeout = 10_000)]
    public async Task An_empty_batch_is_invalid_and_a_batch_of_notifications_gets_no_answer()
    {
        await using var h = new PipeHarness(TestMethods.Basic());
        await h.SendAsync("[]");
        Assert.Equal(RpcErrorCodes.InvalidRequest, (await h.ReadAsync()).ErrorCode());
        await h.SendAsync(new JsonArray(Notification("inc", new JsonObject { ["value"] = 1 }), Notification("x")));
        await h.SendAsync(Request(3, "inc", new JsonObject { ["value"] = 1 }));
        Assert.Equal(3, (await h.ReadAsync()).GetProperty("id").GetInt32());
    }

    [Fact(Timeout = 10_000)]
    public async Task Absent_params_bind_like_an_empty_object()
    {
        var methods = new RpcMethodTable().AddRequest("opt", TestJsonContext.Default.JsonElement, TestJsonContext.Default.String,
            (p, _, _) => ValueTask.FromResult(p.ValueKind.ToString()));
        await using var h = new PipeHarness(methods);
        await h.SendAsync(Request(1, "opt"));
        Assert.Equal("Object", (await h.ReadAsync()).Result().GetString());
    }

    [Fact]
    public void Registering_a_method_twice_is_refused()
    {
        var methods = TestMethods.Basic();
        Assert.Throws<InvalidOperationException>(() => methods.AddRequest("echo", TestJsonContext.Default.EchoParams, TestJsonContext.Default.String,
            (p, _, _) => ValueTask.FromResult(p.Text)));
    }

    [Fact(Timeout = 10_000)]
    public async Task Requests_pipelined_behind_a_running_initialize_wait_for_it_instead_of_being_refused()
    {
        var lifecycle = new ServerLifecycle();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var methods = TestMethods.Basic()
            .AddRequest("initialize", TestJsonContext.Default.JsonElement, TestJsonContext.Default.Int32, async (_, _, _) =>
            {
                await release.Task;
                return lifecycle.TryMarkInitialized() ? 1 : 0;
            }, MethodOptions.AllowedBeforeInitialize | MethodOptions.ChangesState);
        await using var h = new PipeHarness(methods, new RpcConnectionOptions { Lifecycle = lifecycle });
        await h.SendAsync(Request(1, "initialize"));
        await h.SendAsync(Request(2, "inc", new JsonObject { ["value"] = 1 }));
        release.SetResult();
        Assert.Equal(1, (await h.ReadAsync()).Result().GetInt32());
        Assert.Equal(2, (await h.ReadAsync()).Result().GetInt32());
    }

    [Fact(Timeout = 10_000)]
    public async Task Lifecycle_gate_answers_32002_before_initialize_and_32600_after_shutdown()
    {
        var lifecycle = new ServerLifecycle();
        var methods = TestMethods.Basic()
            .AddRequest("initialize", TestJsonContext.Default.JsonElement, TestJsonContext.Default.Int32,
                (_, _, _) => ValueTask.FromResult(lifecycle.TryMarkInitialized() ? 1 : 0), MethodOptions.AllowedBeforeInitialize | MethodOptions.ChangesState)
            .AddRequest("shutdown", TestJsonContext.Default.JsonElement, TestJsonContext.Default.JsonElement,
                (_, _, _) => { lifecycle.MarkShutdown(); return ValueTask.FromResult(default(JsonElement)); }, MethodOptions.ChangesState)
            .AddNotification("exit", TestJsonContext.Default.JsonElement, (_, _) => { lifecycle.RequestExit(); return ValueTask.CompletedTask; });
        await using var h = new PipeHarness(methods, new RpcConnectionOptions { Lifecycle = lifecycle });

        await h.SendAsync(Request(1, "inc", new JsonObject { ["value"] = 1 }));
        Assert.Equal(RpcErrorCodes.ServerNotInitialized, (await h.ReadAsync()).ErrorCode());
        await h.SendAsync(Request(2, "no/such"));
        Assert.Equal(RpcErrorCodes.ServerNotInitialized, (await h.ReadAsync()).ErrorCode());

        await h.SendAsync(Request(3, "initialize"));
        Assert.Equal(1, (await h.ReadAsync()).Result().GetInt32());
        await h.SendAsync(Request(4, "inc", new JsonObject { ["value"] = 1 }));
        Assert.Equal(2, (await h.ReadAsync()).Result().GetInt32());

        await h.SendAsync(Request(5, "shutdown"));
        Assert.Equal(JsonValueKind.Null, (await h.ReadAsync()).Result().ValueKind);
        await h.SendAsync(Request(6, "inc", new JsonObject { ["value"] = 1 }));
        Assert.Equal(RpcErrorCodes.InvalidRequest, (await h.ReadAsync()).ErrorCode());

        await h.SendAsync(Notification("exit"));
        await lifecycle.ExitRequested.WaitAsync(WaitLimit);
        Assert.Equal(0, lifecycle.ExitCode);
    }
}
