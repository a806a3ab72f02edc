using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Watching;

/// <summary>
/// Which directories are watched, under which handle and for what, with a hard budget on the count. The count is
/// ours to keep: the per-user inotify watch limit is shared with the editor, language servers and other tools, so a
/// large monorepo must never use them all up. Beyond the budget, callers fall back to periodic rescans.
/// Not thread-safe: only the watch session's loop touches it.
/// </summary>
public sealed class WatchSet(IFileWatchBackend backend, int budget)
{
    private sealed class Entry(string path, int handle)
    {
        public string Path { get; set; } = path;
        public int Handle { get; } = handle;
        public WatchRole Roles { get; set; }
        /// <summary>For <see cref="WatchRole.Environment"/>: the environment this folder belongs to.</summary>
        public string? Environment { get; set; }
    }

    private readonly Dictionary<string, Entry> byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Entry> byHandle = [];

    public int Count => byHandle.Count;
    public int Budget => budget;
    /// <summary>The largest count reached (for the benchmark and logs).</summary>
    public int Peak { get; private set; }

    public readonly record struct Watched(string Path, WatchRole Roles, string? Environment);

    public bool TryGet(int handle, out Watched watched)
    {
        if (byHandle.TryGetValue(handle, out var e))
        {
            watched = new Watched(e.Path, e.Roles, e.Environment);
            return true;
        }
        watched = default;
        return false;
    }

    /// <summary>
    /// Watches <paramref name="directory"/> for <paramref name="role"/>. Returns the backend's status;
    /// <see cref="WatchAddStatus.LimitReached"/> also when our own budget is spent.
    /// </summary>
    public WatchAddResult Add(string directory, WatchRole role, string? environment = null)
    {
        if (byPath.TryGetValue(directory, out var existing) && (existing.Roles & role) == role)
        {
            if (environment is not null) existing.Environment = environment;
            return WatchAddResult.Ok(existing.Handle);
        }
        if (existing is null && byHandle.Count >= budget)
            return new(WatchAddStatus.LimitReached, -1, $"the watch budget ({budget} watches) is spent");

        var roles = (existing?.Roles ?? WatchRole.None) | role;
        var interest = (roles & (WatchRole.Environment)) != 0 ? WatchInterest.Structure | WatchInterest.Contents : WatchInterest.Structure;
        var result = backend.Add(directory, interest);
        if (result.Status != WatchAddStatus.Added) return result;

        // The kernel gives the same handle for the same inode: a folder renamed since we watched it comes back
        // under its old handle. Re-home that entry instead of counting it twice.
        if (byHandle.TryGetValue(result.Handle, out var same))
        {
            byPath.Remove(same.Path);
            same.Path = directory;
            same.Roles |= roles;
            if (environment is not null) same.Environment = environment;
            byPath[directory] = same;
        }
        else
        {
            var entry = new Entry(directory, result.Handle) { Roles = roles, Environment = environment ?? existing?.Environment };
            byHandle[result.Handle] = entry;
            byPath[directory] = entry;
        }
        Peak = Math.Max(Peak, byHandle.Count);
        return result;
    }

    /// <summary>The kernel dropped this watch (folder deleted): forget it without a syscall.</summary>
    public void Forget(int handle)
    {
        if (byHandle.Remove(handle, out var e) && byPath.TryGetValue(e.Path, out var p) && p == e)
            byPath.Remove(e.Path);
    }

    /// <summary>Stops watching <paramref name="path"/> and everything below it, for the given roles.</summary>
    public void RemoveUnder(string path, WatchRole roles)
    {
        foreach (var e in byPath.Values.Where(e => Paths.IsUnderOrEqual(e.Path, path)).ToList())
            RemoveRoles(e, roles);
    }

    /// <summary>Drops <paramref name="roles"/> from one watched folder; stops watching when none is left.</summary>
    public void Remove(string path, WatchRole roles)
    {
        if (byPath.TryGetValue(path, out var e)) RemoveRoles(e, roles);
    }

    private void RemoveRoles(Entry e, WatchRole roles)
    {
        e.Roles &= ~roles;
        if ((roles & WatchRole.Environment) != 0) e.Environment = null;
        if (e.Roles != WatchRole.None) return;
        backend.Remove(e.Handle);
        byHandle.Remove(e.Handle);
        byPath.Remove(e.Path);
    }

    public IEnumerable<string> PathsWith(WatchRole role) => byPath.Values.Where(e => (e.Roles & role) != 0).Select(e => e.Path).ToList();
}
