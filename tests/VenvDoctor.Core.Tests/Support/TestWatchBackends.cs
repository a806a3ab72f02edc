using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// The real inotify backend, with the OS's bad days made on demand: refuse watches after a count (as ENOSPC does when
/// fs.inotify.max_user_watches is reached), and overflow the queue (IN_Q_OVERFLOW), losing every event after it.
/// </summary>
public sealed class ConstrainedBackend(int? refuseAfter = null) : IFileWatchBackend
{
    private readonly InotifyBackend inner = new();
    private Action<RawWatchEvent>? deliver;
    private volatile bool overflowed;
    private int added;

    public int Refused { get; private set; }

    public void Start(Action<RawWatchEvent> onEvent)
    {
        deliver = onEvent;
        inner.Start(e => { if (!overflowed) onEvent(e); });
    }

    public WatchAddResult Add(string directory, WatchInterest interest)
    {
        if (refuseAfter is { } limit && added >= limit)
        {
            Refused++;
            return new(WatchAddStatus.LimitReached, -1, "the system refused another watch (ENOSPC, simulated)");
        }
        var r = inner.Add(directory, interest);
        if (r.Status == WatchAddStatus.Added) added++;
        return r;
    }

    public void Remove(int handle) => inner.Remove(handle);

    /// <summary>Reports an overflow, then drops every later event as a full kernel queue would.</summary>
    public void Overflow()
    {
        overflowed = true;
        deliver?.Invoke(new RawWatchEvent(-1, RawEventKind.Overflow, null, false, 0));
    }

    public void Dispose() => inner.Dispose();
}
