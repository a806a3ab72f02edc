namespace VenvDoctor.Core.Watching.Backend;

/// <summary>
/// The operating system's change notification, one directory (not a subtree) per watch. A seam so tests can refuse
/// watches (limit exhaustion) or overflow the queue on purpose, and so another OS can plug in its own mechanism.
/// </summary>
public interface IFileWatchBackend : IDisposable
{
    /// <summary>Starts delivering events (on a background thread) to <paramref name="onEvent"/>. Call once.</summary>
    void Start(Action<RawWatchEvent> onEvent);

    /// <summary>Watches one directory's entries (not deeper). Adding a directory already watched returns its handle.</summary>
    WatchAddResult Add(string directory, WatchInterest interest);

    /// <summary>Stops watching; events already queued for the handle may still arrive.</summary>
    void Remove(int handle);

    /// <summary>
    /// Delivers every event the OS holds now, on the calling thread, before returning: what happened before this
    /// call is then in the session's queue (the live model's freshness rests on it). A backend with nothing
    /// buffered outside its callback need not do anything.
    /// </summary>
    void Sync() { }
}

/// <summary>What a watch listens for. Structure only is cheap: a checkout rewriting files does not wake us.</summary>
[Flags]
public enum WatchInterest
{
    /// <summary>Entries created, deleted or moved; the directory itself deleted or moved.</summary>
    Structure = 1,
    /// <summary>Also files rewritten (closed after writing) or their attributes changed.</summary>
    Contents = 2,
}

public enum WatchAddStatus { Added, LimitReached, NotFound, Denied, Failed }

/// <summary>The outcome of <see cref="IFileWatchBackend.Add"/>; <see cref="Error"/> explains a refusal.</summary>
public readonly record struct WatchAddResult(WatchAddStatus Status, int Handle, string? Error)
{
    public static WatchAddResult Ok(int handle) => new(WatchAddStatus.Added, handle, null);
}

public enum RawEventKind
{
    Created,
    Deleted,
    MovedFrom,
    MovedTo,
    /// <summary>A file was rewritten or its attributes changed.</summary>
    Modified,
    /// <summary>The watched directory itself was deleted.</summary>
    SelfDeleted,
    /// <summary>The watched directory itself was moved (its handle now follows it).</summary>
    SelfMoved,
    /// <summary>The watch is gone (directory deleted, unmounted, or removed): forget the handle.</summary>
    Ignored,
    /// <summary>Events were lost: the queue overflowed. Handle is -1.</summary>
    Overflow,
}

/// <summary>
/// One event as the OS reported it. <see cref="Name"/> is the entry inside the watched directory (null for events
/// about the directory itself). <see cref="Cookie"/> pairs a MovedFrom with its MovedTo (0 when none).
/// </summary>
public readonly record struct RawWatchEvent(int Handle, RawEventKind Kind, string? Name, bool IsDirectory, uint Cookie);
