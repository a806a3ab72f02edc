using System.Text.Json;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Rpc;

/// <summary><c>serve</c> watches the workspace after <c>initialized</c> and notifies the client.</summary>
public sealed class WatchNotificationTests
{
    private static PythonInstall Python => Pythons.Any!;

    [PythonFact]
    public async Task After_initialized_moves_additions_and_removals_are_notified()
    {
        using var tmp = new TempDir("vd-watchrpc");
        var from = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync([tmp.Path], trace: "messages");
        // The service says when watching has begun (window/logMessage at trace "messages").
        await sidecar.WaitForNotificationAsync(ServerNotifications.LogMessage.Method, p => p.GetProperty("message").GetString()!.Contains("live"));

        var to = tmp.Combine("proj", "env");
        Directory.Move(from, to);
        var moved = await sidecar.WaitForNotificationAsync(ServerNotifications.Moved.Method);
        Assert.Equal(from, moved.GetProperty("from").GetString());
        Assert.Equal(to, moved.GetProperty("to").GetString());
        Assert.Equal(to, moved.GetProperty("diagnosis").GetProperty("path").GetString());
        Assert.Contains(moved.GetProperty("diagnosis").GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "moved");

        var fresh = Venvs.Create(Python, tmp.Combine("second"));
        var added = await sidecar.WaitForNotificationAsync(ServerNotifications.Added.Method);
        Assert.Equal(fresh, added.GetProperty("environment").GetProperty("path").GetString());

        Directory.Delete(fresh, recursive: true);
        var removed = await sidecar.WaitForNotificationAsync(ServerNotifications.Removed.Method);
        Assert.Equal(fresh, removed.GetProperty("path").GetString());

        // The editor's hint is accepted (a notification: no reply), and the connection stays healthy.
        await sidecar.NotifyAsync(Methods.DidChangeWatchedFiles, new { changes = new[] { new { uri = new Uri(to).AbsoluteUri, type = 2 } } });
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [PythonFact]
    public async Task A_workspace_folder_added_later_is_watched_too()
    {
        using var a = new TempDir("vd-watchrpc");
        using var b = new TempDir("vd-watchrpc");
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync([a.Path], trace: "messages");
        await sidecar.WaitForNotificationAsync(ServerNotifications.LogMessage.Method, p => p.GetProperty("message").GetString()!.Contains("Watching 1 workspace root(s) live"));

        await sidecar.NotifyAsync(Methods.DidChangeWorkspaceFolders, new
        {
            @event = new { added = new[] { new { uri = new Uri(b.Path).AbsoluteUri, name = "b" } }, removed = Array.Empty<object>() },
        });
        await sidecar.WaitForNotificationAsync(ServerNotifications.LogMessage.Method, p => p.GetProperty("message").GetString()!.Contains("Watching 2 workspace root(s) live"));

        var venv = Venvs.Create(Python, Path.Combine(b.Path, ".venv"));
        var added = await sidecar.WaitForNotificationAsync(ServerNotifications.Added.Method);
        Assert.Equal(venv, added.GetProperty("environment").GetProperty("path").GetString());
        Assert.Equal("ok", added.GetProperty("environment").GetProperty("health").GetString());
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }
}
