using VenvDoctor.Sidecar.Protocol.Discovery;

namespace VenvDoctor.Sidecar.Protocol.Watching;

// The watching wire types (docs/protocol.md §5): server → client notifications, the editor's file-change hint, and
// the lines `watch --json` prints. Environments travel as the discovery wire type (EnvironmentDto).

/// <summary><c>venv/added</c>: a new environment, diagnosed.</summary>
public sealed record AddedNotification(EnvironmentDto Environment);

/// <summary><c>venv/removed</c>: an environment is gone (and was not moved anywhere we watch).</summary>
public sealed record RemovedNotification(string Path);

/// <summary><c>venv/changed</c>: health or findings changed; the new diagnosis.</summary>
public sealed record ChangedNotification(EnvironmentDto Environment);

/// <summary><c>venv/moved</c>: one environment moved from <c>from</c> to <c>to</c>; its diagnosis at the new place.</summary>
public sealed record MovedNotification(string From, string To, EnvironmentDto Diagnosis);

/// <summary><c>venv/watchDegraded</c>: a root is rescanned periodically instead of watched (watch limit, lost events).</summary>
public sealed record WatchDegradedNotification(string Root, string Reason);

/// <summary><c>venv/watchRecovered</c>: a degraded root is watched by events again; its periodic rescans stopped.</summary>
public sealed record WatchRecoveredNotification(string Root);

/// <summary>LSP <c>workspace/didChangeWatchedFiles</c> params.</summary>
public sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent> Changes);

/// <summary>LSP FileEvent: <c>type</c> 1 created, 2 changed, 3 deleted.</summary>
public sealed record FileEvent(string Uri, int Type);

/// <summary>
/// One line of <c>watch --json</c>. <c>event</c>: ready, added, removed, changed, moved, degraded, recovered. Fields that do not
/// apply to an event are left out.
/// </summary>
public sealed record WatchLine(string Event)
{
    public string? Path { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Root { get; init; }
    public string? Reason { get; init; }
    public EnvironmentDto? Diagnosis { get; init; }
    /// <summary>ready only: environments found, OS watches in use, and the budget they may not exceed.</summary>
    public int? Environments { get; init; }
    public int? Watches { get; init; }
    public int? Budget { get; init; }
}
