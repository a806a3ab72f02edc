using VenvDoctor.Core.Anatomy.Files;

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

    /// <summary>
    /// A quarter of the per-user limit, at most 32768: leaves room for the editor and its other tools. The cap is
    /// above the folder count of a large monorepo's walk (about 10,000 outside node_modules and environments in the
    /// benchmark's 42,000-folder tree), so such a root is watched by events and a warm list answers from the model;
    /// a watch costs the kernel about 1 KiB.
    /// </summary>
    private static int DefaultBudget()
    {
        try
        {
            var limit = int.Parse(WorkspaceFile.ReadText("/proc/sys/fs/inotify/max_user_watches", FileKind.SystemSetting).Trim());
            return Math.Clamp(limit / 4, 256, 32768);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 2048;
        }
    }
}
