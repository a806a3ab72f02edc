using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Rpc;

/// <summary>The real process: LSP lifecycle, exit codes, and what initialize tells the session.</summary>
public class LifecycleTests
{
    [Fact(Timeout = 30_000)]
    public async Task Initialize_answers_server_info_and_capabilities_then_shutdown_exit_exits_0()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        var result = await sidecar.InitializeAsync();

        Assert.Equal("venv-sidecar", result.GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal("0.1.0", result.GetProperty("serverInfo").GetProperty("version").GetString());
        var methods = result.GetProperty("capabilities").GetProperty("experimental").GetProperty("venvDoctor").GetProperty("methods")
            .EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains("initialize", methods);
        Assert.Contains(Methods.List, methods);
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Initialize_fills_the_session_from_workspace_folders_and_options()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync([a.Path, b.Path], new { maxDepth = 4, excludeGlobs = new[] { "**/node_modules" }, extraSearchFolders = new[] { b.Path }, watch = false }, trace: "verbose");

        var session = await sidecar.RequestAsync("$/test/session");
        Assert.Equal([a.Path, b.Path], session.GetProperty("workspaceRoots").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(4, session.GetProperty("maxDepth").GetInt32());
        Assert.Equal("**/node_modules", session.GetProperty("excludeGlobs")[0].GetString());
        Assert.Equal(b.Path, session.GetProperty("extraSearchFolders")[0].GetString());
        Assert.False(session.GetProperty("watch").GetBoolean());
        Assert.Equal("verbose", session.GetProperty("trace").GetString());
        Assert.True(session.GetProperty("initialized").GetBoolean());
    }

    [Fact(Timeout = 30_000)]
    public async Task Requests_before_initialize_get_32002_and_after_shutdown_get_32600()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        var early = await sidecar.SendRequestAsync(Methods.List);
        Assert.Equal(-32002, early.Error?.Code);

        await sidecar.InitializeAsync();
        await sidecar.RequestAsync("shutdown");
        var late = await sidecar.SendRequestAsync(Methods.List);
        Assert.Equal(-32600, late.Error?.Code);

        await sidecar.NotifyAsync("exit");
        Assert.Equal(0, await sidecar.WaitForExitAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Exit_without_shutdown_exits_1()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();
        await sidecar.NotifyAsync("exit");
        Assert.Equal(1, await sidecar.WaitForExitAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Initialize_sent_together_with_exit_is_still_answered_before_the_process_ends()
    {
        // A probe writes both frames at once, closes its end and reads what comes back: the answer must not be lost.
        static string Frame(string body) => $"Content-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
        await using var sidecar = await SidecarProcess.StartAsync(testMethods: false);
        var frames = Frame("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}""")
            + Frame("""{"jsonrpc":"2.0","method":"exit"}""");
        await sidecar.SendRawAsync(System.Text.Encoding.UTF8.GetBytes(frames));
        sidecar.CloseInput(); // as a one-shot probe does: its input ends right after the two frames

        var answer = await sidecar.WaitForMessageAsync(m => m.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.Number && id.GetInt32() == 1, what: "the initialize answer");
        Assert.True(answer.TryGetProperty("result", out _), answer.ToString());
        Assert.Equal(1, await sidecar.WaitForExitAsync()); // exit without shutdown
    }

    [Fact(Timeout = 30_000)]
    public async Task End_of_input_stops_the_server()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();
        sidecar.CloseInput();
        Assert.Equal(1, await sidecar.WaitForExitAsync()); // no shutdown first: LSP's error exit
    }

    [Fact(Timeout = 30_000)]
    public async Task End_of_input_after_shutdown_exits_0()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();
        await sidecar.RequestAsync("shutdown");
        sidecar.CloseInput();
        Assert.Equal(0, await sidecar.WaitForExitAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Sigterm_stops_the_server_gracefully()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();
        sidecar.Signal(15);
        Assert.Equal(0, await sidecar.WaitForExitAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Workspace_folder_changes_update_the_roots()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync([a.Path]);
        await sidecar.NotifyAsync(Methods.DidChangeWorkspaceFolders, new
        {
            @event = new
            {
                added = new[] { new { uri = new Uri(b.Path).AbsoluteUri, name = "b" } },
                removed = new[] { new { uri = new Uri(a.Path).AbsoluteUri, name = "a" } },
            },
        });
        // Notifications have no answer; a request behind it on the same connection sees its effect only once it ran.
        // The folder change is state-changing (serialized), so ask through a state-changing test method first.
        await sidecar.RequestAsync("$/test/sleepInOrder", new { ms = 0 });
        var session = await sidecar.RequestAsync("$/test/session");
        Assert.Equal([b.Path], session.GetProperty("workspaceRoots").EnumerateArray().Select(e => e.GetString()));
    }
}
