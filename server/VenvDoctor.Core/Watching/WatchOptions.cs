namespace VenvDoctor.Core.Watching;

/// <summary>Tuning of the watcher. Defaults favour latency (a move shows in well under 150 ms) over batching.</summary>
public sealed record WatchOptions
{
    /// <summary>Quiet time after the last event before a batch is handled (coalesces a burst).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(25);
    /// <summary>A batch is handled at the latest this long after its first event, even if events keep coming.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>
    /// How long a vanished environment waits for its other half before it is reported removed: a re-check can see a
    /// folder gone a moment before the OS reports where it went.
    /// </summary>
    public TimeSpan RemovalGrace { get; init; } = TimeSpan.FromMilliseconds(150);
    /// <summary>Most watches this session may hold (the OS limit is per user and shared with other tools).</summary>
    public int WatchBudget { get; init; } = DefaultBudget();
    /// <summary>
    /// How often a degraded root (watch refused, events lost) is rescanned. Each rescan also tries to watch it again;
    /// when every watch is granted, the root is back to events and its rescans stop.
    /// </summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>An environment that appeared this recently and matches one that vanishes was copied then deleted: a move.</summary>
    public TimeSpan CopyThenDeleteWindow { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Folders not to descend into (in addition to the built-in pruned names).</summary>
    public IReadOnlyList<string> ExcludeGlobs { get; init; } = [];
    /// <summary>How deep below a root to look (0 = the root only; null = unlimited): the list's depth limit.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>The platform's default (a share of inotify's per-user limit on Linux).</summary>
    private static int DefaultBudget() => Platform.Host.Platform.DefaultWatchBudget();

}
