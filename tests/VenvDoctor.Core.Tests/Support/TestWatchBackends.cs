using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// A real backend (inotify unless another is given), with the OS's bad days made on demand: refuse watches after a
/// count (as ENOSPC does when fs.inotify.max_user_watches is reached), and overflow the queue (IN_Q_OVERFLOW), losing
/// every event after it — and the good days after them: the limit lifted (another tool freed its watches), the burst over.
/// </summary>
public sealed class ConstrainedBackend(int? refuseAfter = null, IFileWatchBackend? inner = null) : IFileWatchBackend
{
    private readonly IFileWatchBackend inner = inner ?? new InotifyBackend();
    private Action<RawWatchEvent>? deliver;
    private readonly List<(int Count, TaskCompletionSource Reached)> refusalWaiters = [];
    private volatile bool overflowed;
    private volatile bool lifted;
    private int added;
    private int refused;

    public int Refused => Volatile.Read(ref refused);

    public void Start(Action<RawWatchEvent> onEvent)
    {
        deliver = onEvent;
        inner.Start(e => { if (!overflowed) onEvent(e); });
    }

    public WatchAddResult Add(string directory, WatchInterest interest)
    {
        if (!lifted && refuseAfter is { } limit && added >= limit)
        {
            NoteRefusal();
            return new(WatchAddStatus.LimitReached, -1, "the system refused another watch (ENOSPC, simulated)");
        }
        var r = inner.Add(directory, interest);
        if (r.Status == WatchAddStatus.Added) added++;
        return r;
    }

    public void Remove(int handle) => inner.Remove(handle);

    /// <summary>From now on every watch is granted again (the limit was raised, or other watches freed).</summary>
    public void Lift() => lifted = true;

    /// <summary>The burst is over: events are delivered again (those dropped meanwhile stay lost).</summary>
    public void Resume() => overflowed = false;

    /// <summary>Completes once <paramref name="count"/> watches in all have been refused: a signal that rescans ran.</summary>
    public Task RefusedAtLeastAsync(int count, TimeSpan timeout)
    {
        lock (refusalWaiters)
        {
            if (refused >= count) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            refusalWaiters.Add((count, reached));
            return reached.Task.WaitAsync(timeout);
        }
    }

    private void NoteRefusal()
    {
        lock (refusalWaiters)
        {
            refused++;
            foreach (var w in refusalWaiters.Where(w => refused >= w.Count).ToList())
            {
                refusalWaiters.Remove(w);
                w.Reached.TrySetResult();
            }
        }
    }

    /// <summary>Drops every event from now on, not yet saying so (the kernel queue filling up before it overflows).</summary>
    public void LoseEvents() => overflowed = true;

    /// <summary>Reports an overflow, then drops every later event as a full kernel queue would.</summary>
    public void Overflow()
    {
        overflowed = true;
        deliver?.Invoke(new RawWatchEvent(-1, RawEventKind.Overflow, null, false, 0));
    }

    public void Dispose() => inner.Dispose();
}
