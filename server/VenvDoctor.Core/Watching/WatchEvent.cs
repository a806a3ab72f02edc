using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Watching;

public enum WatchEventKind
{
    /// <summary>The first scan is done and watching has begun.</summary>
    Ready,
    Added,
    Removed,
    /// <summary>Health or findings changed; carries the new diagnosis.</summary>
    Changed,
    /// <summary>One environment moved from <see cref="WatchEvent.From"/> to <see cref="WatchEvent.Path"/>.</summary>
    Moved,
    /// <summary>A root fell back to periodic rescans (<see cref="WatchEvent.Reason"/> says why).</summary>
    Degraded,
    /// <summary>A degraded root is watched by events again: every watch it needs was re-established; rescans stop.</summary>
    Recovered,
}

/// <summary>
/// What the watcher reports. <see cref="Path"/>: the environment (for Moved: where it is now; for Degraded and
/// Recovered: the root). <see cref="Environment"/>: the new diagnosis (Added, Changed, Moved).
/// </summary>
public sealed record WatchEvent(WatchEventKind Kind, string? Path, string? From = null, PythonEnvironment? Environment = null, string? Reason = null)
{
    /// <summary>Ready only: what the first scan found and what watching costs.</summary>
    public ReadyFigures? Figures { get; init; }

    public static WatchEvent Ready(ReadyFigures figures) => new(WatchEventKind.Ready, null) { Figures = figures };
    public static WatchEvent Added(PythonEnvironment e) => new(WatchEventKind.Added, e.Path, Environment: e);
    public static WatchEvent Removed(string path) => new(WatchEventKind.Removed, path);
    public static WatchEvent Changed(PythonEnvironment e) => new(WatchEventKind.Changed, e.Path, Environment: e);
    public static WatchEvent Moved(string from, PythonEnvironment e) => new(WatchEventKind.Moved, e.Path, from, e);
    public static WatchEvent Degraded(string root, string reason) => new(WatchEventKind.Degraded, root, Reason: reason);
    public static WatchEvent Recovered(string root) => new(WatchEventKind.Recovered, root);
}

/// <summary>Environments found by the first scan, OS watches in use, and the budget they may not exceed.</summary>
public sealed record ReadyFigures(int Environments, int Watches, int Budget);
