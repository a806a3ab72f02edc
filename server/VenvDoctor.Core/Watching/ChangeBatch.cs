using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Watching;

/// <summary>
/// What one debounced batch of events asks us to look at again: folders of the tree to re-walk, environments to
/// re-check, and folder renames the OS paired for us. A burst of thousands of events collapses into a few entries.
/// </summary>
internal sealed class ChangeBatch
{
    private readonly Dictionary<uint, string> movedFrom = [];

    /// <summary>Tree folders to walk again (or to drop, when they are gone).</summary>
    public HashSet<string> Trees { get; } = new(StringComparer.Ordinal);
    /// <summary>Known environments whose files changed.</summary>
    public HashSet<string> Recheck { get; } = new(StringComparer.Ordinal);
    /// <summary>Renames paired by the OS (inotify cookie): old path → new path.</summary>
    public List<(string From, string To)> Renames { get; } = [];
    /// <summary>A base interpreter's folder changed: the inventory of installed bases may be stale.</summary>
    public bool BasesTouched { get; set; }
    /// <summary>
    /// Degraded roots due for their periodic rescan: walked with watches, to find out whether they can be watched by
    /// events again (<see cref="Reconciler"/> leaves degraded mode when every watch is granted).
    /// </summary>
    public HashSet<string> RetryWatches { get; } = new(StringComparer.Ordinal);
    /// <summary>Events were lost: every root is walked again.</summary>
    public bool Overflowed { get; set; }

    public bool IsEmpty => Trees.Count == 0 && Recheck.Count == 0 && !Overflowed;

    public void NoteMove(RawWatchEvent e, string fullPath)
    {
        if (e.Cookie == 0) return;
        if (e.Kind == RawEventKind.MovedFrom) movedFrom[e.Cookie] = fullPath;
        else if (e.Kind == RawEventKind.MovedTo && movedFrom.Remove(e.Cookie, out var from)) Renames.Add((from, fullPath));
    }

    /// <summary>Tree folders to walk, without those inside another one listed (walking the outer covers them).</summary>
    public IEnumerable<string> OutermostTrees()
    {
        var sorted = Trees.OrderBy(t => t.Length).ToList();
        var kept = new List<string>();
        foreach (var t in sorted)
            if (!kept.Any(k => Paths.IsUnderOrEqual(t, k))) kept.Add(t);
        return kept;
    }
}
