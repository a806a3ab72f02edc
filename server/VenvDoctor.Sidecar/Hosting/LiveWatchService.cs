using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VenvDoctor.Core.Watching;
using VenvDoctor.Sidecar.Protocol.Watching;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>
/// Watches the workspace roots once the client has sent <c>initialized</c> (unless <c>initializationOptions.watch</c>
/// is false) and forwards every watcher event as a notification (<c>venv/added</c>, <c>venv/removed</c>,
/// <c>venv/changed</c>, <c>venv/moved</c>, <c>venv/watchDegraded</c>, <c>venv/watchRecovered</c>). Restarts on workspace-folder changes.
/// </summary>
public sealed class LiveWatchService(SessionState session, ClientChannel channel, IEnvironmentWatcher watcher, ILogger<LiveWatchService> logger)
    : BackgroundService, ILiveModelSource
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IWatchSession? current;
    private CancellationToken stopping;

    /// <summary>The editor's own file events: look at these paths again (no-op when not watching).</summary>
    public void Nudge(IEnumerable<string> paths) => current?.Nudge(paths);

    /// <summary>The watch's model, for a warm <c>venv/list</c> (<see cref="LiveScanService"/>); null when not watching.</summary>
    public Task<LiveModel?> CurrentModelAsync(CancellationToken cancellationToken) =>
        current is { } session ? session.CurrentModelAsync(cancellationToken) : Task.FromResult<LiveModel?>(null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        await Task.WhenAny(session.Initialized, Task.Delay(Timeout.Infinite, stoppingToken)).ConfigureAwait(false);
        if (stoppingToken.IsCancellationRequested) return;
        if (!session.Watch)
        {
            logger.LogInformation("Live watching is off (initializationOptions.watch = false)");
            return;
        }
        session.WorkspaceRootsChanged += (_, _) => _ = RestartAsync();
        await RestartAsync().ConfigureAwait(false);
    }

    private async Task RestartAsync()
    {
        var entered = false;
        try
        {
            await gate.WaitAsync(stopping).ConfigureAwait(false);
            entered = true;
            if (current is not null) await current.DisposeAsync().ConfigureAwait(false);
            current = null;
            var roots = session.WorkspaceRoots.Concat(session.ExtraSearchFolders).Where(Directory.Exists).ToList();
            if (roots.Count == 0 || stopping.IsCancellationRequested) return;
            // The list's scope (venv/list with no roots): the watch covers exactly what the list reports.
            var options = new WatchOptions { ExcludeGlobs = session.ExcludeGlobs, MaxDepth = session.MaxDepth };
            current = await watcher.StartAsync(roots, SendAsync, options, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        catch (Exception e)
        {
            // Not fatal: discovery and repair work without live events. Say so once, clearly.
            logger.LogError(e, "Live watching could not start; environments are not watched in this session");
        }
        finally
        {
            if (entered) gate.Release();
        }
    }

    private async ValueTask SendAsync(WatchEvent e, CancellationToken cancellationToken)
    {
        if (e.Kind == WatchEventKind.Ready)
            logger.LogInformation("Watching {Count} workspace root(s) live", session.WorkspaceRoots.Count);
        else if (channel.Peer is { } peer)
            await WatchWire.NotifyAsync(peer, e, cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (current is not null) await current.DisposeAsync().ConfigureAwait(false);
    }
}
