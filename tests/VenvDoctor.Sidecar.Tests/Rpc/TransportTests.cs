using System.Text;
using System.Text.Json;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Rpc;

/// <summary>The transport as the real process serves it: errors, cancellation, server requests, logs, progress.</summary>
public class TransportTests
{
    [Fact(Timeout = 30_000)]
    public async Task Unknown_methods_malformed_frames_and_bad_json_leave_the_server_serving()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();

        Assert.Equal(RpcErrorCodes.MethodNotFound, (await sidecar.SendRequestAsync("no/such/method")).Error?.Code);

        await sidecar.SendRawAsync(Encoding.ASCII.GetBytes("Content-Lingth: 12\r\n\r\n{garbage}   "));
        var headerError = await sidecar.WaitForMessageAsync(m => m.TryGetProperty("error", out _));
        Assert.Equal(RpcErrorCodes.ParseError, headerError.GetProperty("error").GetProperty("code").GetInt32());

        await sidecar.SendFrameAsync("{ not json");
        var parseError = await sidecar.WaitForMessageAsync(m => m.TryGetProperty("error", out _));
        Assert.Equal(RpcErrorCodes.ParseError, parseError.GetProperty("error").GetProperty("code").GetInt32());

        Assert.Equal("still here", (await sidecar.RequestAsync("$/test/echo", new { text = "still here" })).GetProperty("text").GetString());
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_cancelled_request_is_answered_32800()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();
        var (reply, id) = sidecar.BeginRequest("$/test/sleep", new { ms = 60_000 });
        await sidecar.CancelRequestAsync(id);
        Assert.Equal(RpcErrorCodes.RequestCancelled, (await reply).Error?.Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_throwing_handler_answers_32603_and_the_process_lives_on()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();
        var reply = await sidecar.SendRequestAsync("$/test/fail", new { message = "on purpose" });
        Assert.Equal(RpcErrorCodes.InternalError, reply.Error?.Code);
        Assert.Contains("on purpose", reply.Error?.Message);
        Assert.False(sidecar.HasExited);
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task The_server_can_ask_the_client_and_gets_its_answer()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        sidecar.OnServerRequest = (method, p) => method == "workspace/configuration"
            ? new[] { new { defaultInterpreterPath = "/usr/bin/python3" } }
            : throw new SidecarRpcException(RpcErrorCodes.MethodNotFound, "not here");
        await sidecar.InitializeAsync();

        var answer = await sidecar.RequestAsync("$/test/askClient", new { method = "workspace/configuration", @params = new { items = new[] { new { section = "python" } } } });
        Assert.Equal("/usr/bin/python3", answer[0].GetProperty("defaultInterpreterPath").GetString());

        var refused = await sidecar.SendRequestAsync("$/test/askClient", new { method = "window/showMessageRequest", @params = new { type = 3, message = "?" } });
        Assert.Equal(RpcErrorCodes.MethodNotFound, refused.Error?.Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Logs_reach_the_client_as_logMessage_at_its_trace_level()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync(trace: "off");
        await sidecar.RequestAsync("$/test/log", new { level = "Information", message = "quiet-info" });
        await sidecar.RequestAsync("$/test/log", new { level = "Warning", message = "loud-warning" });
        var warning = await sidecar.WaitForNotificationAsync(ServerNotifications.LogMessage.Method, p => p.GetProperty("message").GetString()!.Contains("loud-warning"));
        Assert.Equal(2, warning.GetProperty("type").GetInt32());
        Assert.DoesNotContain(sidecar.Inbox, m => m.GetRawText().Contains("quiet-info"));

        await sidecar.NotifyAsync("$/setTrace", new { value = "verbose" });
        await sidecar.RequestAsync("$/test/log", new { level = "Debug", message = "now-debug" });
        var debug = await sidecar.WaitForNotificationAsync(ServerNotifications.LogMessage.Method, p => p.GetProperty("message").GetString()!.Contains("now-debug"));
        Assert.Equal(4, debug.GetProperty("type").GetInt32());
    }

    [Fact(Timeout = 30_000)]
    public async Task Progress_notifications_arrive_before_the_response()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();
        var result = await sidecar.RequestAsync("$/test/progress", new { steps = 3, workDoneToken = "wd-1", partialResultToken = "pr-1" });
        Assert.Equal(3, result.GetInt32());
        // Already in the inbox when the response arrived (one writer, in order).
        var kinds = sidecar.Inbox.Where(m => m.GetProperty("method").GetString() == "$/progress" && m.GetProperty("params").GetProperty("token").GetString() == "wd-1")
            .Select(m => m.GetProperty("params").GetProperty("value").GetProperty("kind").GetString()).ToList();
        Assert.Equal(["begin", "report", "report", "report", "end"], kinds);
        var partials = sidecar.Inbox.Where(m => m.GetProperty("method").GetString() == "$/progress" && m.GetProperty("params").GetProperty("token").GetString() == "pr-1")
            .Select(m => m.GetProperty("params").GetProperty("value").GetInt32()).ToList();
        Assert.Equal([1, 2, 3], partials);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_oversized_message_closes_the_connection_with_exit_code_1()
    {
        await using var sidecar = await SidecarProcess.StartAsync(["--max-message-bytes", "4096"]);
        await sidecar.InitializeAsync();
        await sidecar.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 5000000000\r\n\r\n{"));
        var error = await sidecar.WaitForMessageAsync(m => m.TryGetProperty("error", out _));
        Assert.Contains("exceeds the maximum of 4096 bytes", error.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(1, await sidecar.WaitForExitAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task The_shipped_executable_has_no_test_methods_whatever_the_environment_says()
    {
        // The variable that once switched them on, and the one that armed the repair kill seam: both inert now.
        await using var sidecar = await SidecarProcess.StartAsync(testMethods: false,
            environment: new Dictionary<string, string?> { ["VENV_SIDECAR_TEST_METHODS"] = "1", ["VENV_DOCTOR_TEST_KILL_AT"] = "apply:0" });
        var init = await sidecar.InitializeAsync();
        Assert.DoesNotContain(init.GetProperty("capabilities").GetProperty("experimental").GetProperty("venvDoctor").GetProperty("methods").EnumerateArray(),
            m => m.GetString()!.StartsWith("$/test/"));
        Assert.Equal(RpcErrorCodes.MethodNotFound, (await sidecar.SendRequestAsync("$/test/echo", new { a = 1 })).Error?.Code);
    }
}
