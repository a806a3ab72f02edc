using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Watching;

/// <summary>Starts watch sessions over the platform's backend (inotify on Linux, FileSystemWatcher elsewhere), or over one a test supplies.</summary>
public sealed class EnvironmentWatcher(
    IEnvironmentDiscovery discovery,
    IEnvironmentDiagnoser diagnoser,
    IInterpreterInventory? inventory = null,
    ILogger<EnvironmentWatcher>? logger = null,
    WatchOptions? options = null,
    Func<IFileWatchBackend>? backendFactory = null) : IEnvironmentWatcher
{
    public async Task<IWatchSession> StartAsync(IReadOnlyList<string> roots, WatchEventSink sink, WatchOptions? sessionOptions, CancellationToken cancellationToken)
    {
        var backend = backendFactory?.Invoke() ?? Platform.Host.Platform.CreateWatchBackend();
        var session = new WatchSession(roots, backend, discovery, diagnoser, inventory, sessionOptions ?? options ?? new WatchOptions(), sink,
            (ILogger?)logger ?? NullLogger.Instance);
        try
        {
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
