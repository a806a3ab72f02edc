using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Watching;

/// <summary>Receives the watcher's events, one at a time, in order.</summary>
public delegate ValueTask WatchEventSink(WatchEvent watchEvent, CancellationToken cancellationToken);

/// <summary>Watches workspace roots and reports environments added, removed, changed and moved, as they happen.</summary>
public interface IEnvironmentWatcher
{
    /// <summary>
    /// Scans the roots, begins watching, sends <see cref="WatchEventKind.Ready"/>, and returns the running session.
    /// Events follow until the session is disposed. <paramref name="options"/> overrides the watcher's own.
    /// </summary>
    Task<IWatchSession> StartAsync(IReadOnlyList<string> roots, WatchEventSink sink, WatchOptions? options, CancellationToken cancellationToken);
}

public interface IWatchSession : IAsyncDisposable
{
    /// <summary>The environments known now, with their latest diagnosis.</summary>
    IReadOnlyList<PythonEnvironment> Environments { get; }

    /// <summary>Watches in use now, and the budget they may not exceed.</summary>
    int WatchCount { get; }
    int WatchBudget { get; }

    /// <summary>How much work the OS events made (shows coalescing: many events, few batches).</summary>
    WatchStatistics Statistics { get; }

    /// <summary>Roots rescanned periodically now; a root leaves the list when it is watched by events again.</summary>
    IReadOnlyCollection<string> DegradedRoots { get; }

    /// <summary>An extra signal (e.g. the editor's own file watcher): these paths may have changed; look again.</summary>
    void Nudge(IEnumerable<string> paths);

    /// <summary>
    /// The live model once every change the OS reported before this call has been reconciled; null while a root is
    /// degraded (watched by periodic rescans: the model may be up to a rescan interval old, so callers scan instead).
    /// </summary>
    Task<LiveModel?> CurrentModelAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What a watch session knows now: its scope (normalised roots, depth limit, excludes) and, within it, every
/// environment with its latest diagnosis and every path the walks could not read — what a scan of that scope reports.
/// </summary>
public sealed record LiveModel(IReadOnlyList<string> Roots, int? MaxDepth, IReadOnlyList<string> ExcludeGlobs,
    IReadOnlyList<PythonEnvironment> Environments, IReadOnlyList<SkippedPath> Skipped);

/// <summary>Counters of a session: OS events received, batches handled, most watches held at once.</summary>
public sealed record WatchStatistics(long RawEvents, long Batches, int PeakWatches);
