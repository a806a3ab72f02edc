using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Watching.Backend;

/// <summary>
/// The watch backend on .NET's <see cref="FileSystemWatcher"/>: ReadDirectoryChangesW on Windows, FSEvents on macOS
/// (inotify on Linux, where it runs only in tests). The session asks for single directories; this backend holds ONE
/// recursive OS watch per outermost directory asked for and delivers only the events whose parent was asked for.
/// Why recursive: on Windows a handle held open on a folder keeps its parents from being renamed, so a watch per
/// folder inside an environment would make renaming that environment fail for the user; FSEvents is recursive by
/// nature; and on Linux each FileSystemWatcher costs an inotify instance (128 per user by default).
/// A rename comes with both names (<see cref="RenamedEventArgs"/>): it is delivered as a MovedFrom/MovedTo pair
/// sharing a cookie, which the move matcher pairs directly, so a renamed environment is one <c>moved</c>.
/// </summary>
public sealed class FileSystemWatcherBackend : IFileWatchBackend
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (int Handle, WatchInterest Interest)> watched;
    private readonly Dictionary<int, string> paths = [];
    private readonly Dictionary<string, FileSystemWatcher> recursive;
    private Action<RawWatchEvent>? deliver;
    private int nextHandle = 1;
    private uint nextCookie = 1;
    private bool disposed;

    /// <param name="comparer">How this host compares paths (case-insensitively on Windows and macOS).</param>
    public FileSystemWatcherBackend(StringComparer? comparer = null)
    {
        watched = new(comparer ?? StringComparer.Ordinal);
        recursive = new(comparer ?? StringComparer.Ordinal);
    }

    public void Start(Action<RawWatchEvent> onEvent)
    {
        lock (gate)
        {
            if (deliver is not null) throw new InvalidOperationException("Already started");
            deliver = onEvent;
        }
    }

    public WatchAddResult Add(string directory, WatchInterest interest)
    {
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var replaced = new List<FileSystemWatcher>();
        try { return Add(path, interest, replaced); }
        finally { foreach (var w in replaced) w.Dispose(); }   // outside the lock: a callback may be waiting on it
    }

    private WatchAddResult Add(string path, WatchInterest interest, List<FileSystemWatcher> replaced)
    {
        lock (gate)
        {
            if (watched.TryGetValue(path, out var known))
            {
                watched[path] = (known.Handle, known.Interest | interest);
                return WatchAddResult.Ok(known.Handle);
            }
            if (!Directory.Exists(path)) return new(WatchAddStatus.NotFound, -1, "no such directory");
            if (!Covered(path) && Cover(path, replaced) is { } refused) return refused;
            var handle = nextHandle++;
            watched[path] = (handle, interest);
            paths[handle] = path;
            return WatchAddResult.Ok(handle);
        }
    }

    private bool Covered(string path) =>
        recursive.ContainsKey(path) || recursive.Any(w => w.Value.IncludeSubdirectories && Paths.IsUnder(path, w.Key));

    /// <summary>
    /// Starts one recursive watch at <paramref name="path"/>, replacing those below it (it covers them). A drive or
    /// file-system root is watched alone (its whole disk's changes would overflow any buffer).
    /// </summary>
    private WatchAddResult? Cover(string path, List<FileSystemWatcher> replaced)
    {
        var whole = path == Path.GetPathRoot(path);
        FileSystemWatcher watcher;
        try
        {
            watcher = new FileSystemWatcher(path)
            {
                IncludeSubdirectories = !whole,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Attributes,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Created += (_, e) => OnEvent(e.FullPath, RawEventKind.Created);
            watcher.Deleted += (_, e) => OnEvent(e.FullPath, RawEventKind.Deleted);
            watcher.Changed += (_, e) => OnEvent(e.FullPath, RawEventKind.Modified);
            watcher.Renamed += (_, e) => OnRenamed(e.OldFullPath, e.FullPath);
            watcher.Error += (_, _) => Deliver(new RawWatchEvent(-1, RawEventKind.Overflow, null, false, 0));
            watcher.EnableRaisingEvents = true;
        }
        catch (ArgumentException) { return new(WatchAddStatus.NotFound, -1, "no such directory"); }
        catch (UnauthorizedAccessException) { return new(WatchAddStatus.Denied, -1, "permission denied"); }
        catch (IOException e) { return new(WatchAddStatus.Failed, -1, e.Message); }
        foreach (var inner in recursive.Keys.Where(root => !whole && Paths.IsUnder(root, path)).ToList())
        {
            replaced.Add(recursive[inner]);
            recursive.Remove(inner);
        }
        recursive[path] = watcher;
        return null;
    }

    public void Remove(int handle)
    {
        var unused = new List<FileSystemWatcher>();
        lock (gate)
        {
            if (!paths.Remove(handle, out var path)) return;
            watched.Remove(path);
            foreach (var root in recursive.Keys.Where(root => !watched.Keys.Any(p => Paths.IsUnderOrEqual(p, root))).ToList())
            {
                unused.Add(recursive[root]);
                recursive.Remove(root);
            }
        }
        foreach (var w in unused) w.Dispose();
    }

    /// <summary>An entry created, deleted or rewritten: reported to its parent's watch, when that folder is watched.</summary>
    private void OnEvent(string full, RawEventKind kind)
    {
        lock (gate)
        {
            var wasWatchedFolder = watched.ContainsKey(full);
            var isDirectory = wasWatchedFolder || (kind != RawEventKind.Deleted && Directory.Exists(full));
            // A folder's own "changed" (its entries changed, on Windows) says nothing its entries' events do not.
            if (kind == RawEventKind.Modified && isDirectory) return;
            if (Parent(full) is { } parent && (kind != RawEventKind.Modified || parent.Interest.HasFlag(WatchInterest.Contents)))
                Deliver(new RawWatchEvent(parent.Handle, kind, Path.GetFileName(full), isDirectory, 0));
            if (kind == RawEventKind.Deleted) EndWatchesUnder(full, RawEventKind.SelfDeleted);
        }
    }

    /// <summary>Both names of a rename, as one MovedFrom/MovedTo pair (a shared cookie); watches inside the old name end.</summary>
    private void OnRenamed(string from, string to)
    {
        lock (gate)
        {
            var isDirectory = watched.ContainsKey(from) || Directory.Exists(to);
            var cookie = nextCookie++;
            if (Parent(from) is { } oldParent) Deliver(new RawWatchEvent(oldParent.Handle, RawEventKind.MovedFrom, Path.GetFileName(from), isDirectory, cookie));
            if (Parent(to) is { } newParent) Deliver(new RawWatchEvent(newParent.Handle, RawEventKind.MovedTo, Path.GetFileName(to), isDirectory, cookie));
            EndWatchesUnder(from, RawEventKind.SelfMoved);
        }
    }

    /// <summary>The watched folders at or below a path that went away: told (SelfDeleted/SelfMoved, then Ignored) and forgotten.</summary>
    private void EndWatchesUnder(string gone, RawEventKind why)
    {
        foreach (var (path, (handle, _)) in watched.Where(w => Paths.IsUnderOrEqual(w.Key, gone)).ToList())
        {
            Deliver(new RawWatchEvent(handle, why, null, true, 0));
            Deliver(new RawWatchEvent(handle, RawEventKind.Ignored, null, true, 0));
            watched.Remove(path);
            paths.Remove(handle);
        }
    }

    private (int Handle, WatchInterest Interest)? Parent(string full) =>
        Path.GetDirectoryName(full) is { } parent && watched.TryGetValue(parent, out var w) ? w : null;

    private void Deliver(RawWatchEvent e)
    {
        lock (gate)
        {
            if (!disposed) deliver?.Invoke(e);
        }
    }

    public void Dispose()
    {
        List<FileSystemWatcher> all;
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            all = [.. recursive.Values];
            recursive.Clear();
        }
        foreach (var w in all) w.Dispose();
    }
}
