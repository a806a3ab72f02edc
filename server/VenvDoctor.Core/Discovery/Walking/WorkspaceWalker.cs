using System.Collections.Concurrent;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Locators;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Walking;

/// <summary>How far and where a walk goes. <see cref="MaxDepth"/>: 0 = the roots only; null = unlimited.</summary>
public sealed record WalkOptions(int? MaxDepth, PruneRules Prune, string Manager = "workspace");

/// <summary>
/// Where a walk begins: a folder, the workspace root it lies under (exclude globs with a slash are relative to it) and
/// its depth below that root. A scan starts at its roots (depth 0); the watch re-walks a changed folder from where it
/// sits, so the depth limit and the excludes mean the same for both.
/// </summary>
public sealed record WalkStart(string Path, string Root, int Depth)
{
    public static WalkStart AtRoot(string root) => new(root, root, 0);
}

/// <summary>
/// Walks folders in parallel and reports every environment once. It never enters an environment (pyvenv.cfg or
/// conda-meta/ marks one), never enters pruned folders, and follows a folder symlink only when its real folder has
/// not been walked: real folders are walked first, links after, so an environment reached both directly and
/// through an alias is reported at its direct path; one reached only through a link is reported at the link's path.
/// Everything unreadable is reported through onSkipped and the walk goes on.
/// It is the only workspace walk: <c>scan</c>, <c>venv/list</c> and the watch (which re-walks changed folders with it)
/// all see the same folders, so what the list reports the watch covers, and nothing more.
/// </summary>
public sealed class WorkspaceWalker(IDiscoveryFileSystem fileSystem, WalkCache? cache = null)
{
    private readonly IDiscoveryFileSystem fileSystem = fileSystem;
    private readonly WalkCache? cache = cache;

    private sealed record Item(string Path, string RealPath, string Root, int Depth);

    private sealed record PendingLink(string Path, string ParentRealPath, string Root, int Depth);

    public void Walk(IReadOnlyList<string> roots, WalkOptions options, Action<EnvironmentCandidate> onFound,
        Action<SkippedPath> onSkipped, CancellationToken cancellationToken) =>
        Walk(roots.Select(WalkStart.AtRoot).ToList(), options, onFound, onSkipped, onEnter: null, cancellationToken);

    /// <summary>
    /// Walks from <paramref name="starts"/>. <paramref name="onEnter"/>, when given, is called (from the walk's
    /// threads, concurrently) with each folder the walk will look into, just before it is listed: the watch watches
    /// it there, so nothing created while it is being listed goes unseen. A start deeper than the depth limit is
    /// not walked at all.
    /// </summary>
    public void Walk(IReadOnlyList<WalkStart> starts, WalkOptions options, Action<EnvironmentCandidate> onFound,
        Action<SkippedPath> onSkipped, Action<string>? onEnter, CancellationToken cancellationToken)
    {
        var run = new Run(this, options, onFound, onSkipped, onEnter, cancellationToken);
        var start = new List<Item>();
        foreach (var (path, root, depth) in starts)
        {
            if (options.MaxDepth is { } max && depth > max) continue;
            string? real;
            try { real = fileSystem.ResolveRealPath(path); }
            catch (IOException e) { onSkipped(new SkippedPath(path, e.Message)); continue; }
            if (real is null || !fileSystem.DirectoryExists(real)) { onSkipped(new SkippedPath(path, "not found")); continue; }
            start.Add(new Item(path, real, root, depth));
        }
        run.Drain(start);
        // Links, after every real folder reachable without them is known. A link walk can find more links.
        while (run.TakeLinks() is { Count: > 0 } links)
        {
            var next = new List<Item>();
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var link in links.OrderBy(l => l.Path, StringComparer.Ordinal))
                if (run.Follow(link) is { } item && claimed.Add(item.RealPath)) next.Add(item);
            run.Drain(next);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private IReadOnlyList<FolderEntry> List(string folder) =>
        cache is null ? fileSystem.ListForWalk(folder, withWriteTime: false).Entries : cache.List(fileSystem, folder);

    /// <summary>The state of one walk: the work queue, what was visited, what was found.</summary>
    private sealed class Run(WorkspaceWalker walker, WalkOptions options, Action<EnvironmentCandidate> onFound,
        Action<SkippedPath> onSkipped, Action<string>? onEnter, CancellationToken cancellationToken)
    {
        // Sized from the last walk of the same tree (the cache's size), so it does not grow and rehash 10 times per walk.
        private readonly ConcurrentDictionary<string, byte> visited = new(Environment.ProcessorCount, walker.cache?.Count ?? 31, StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> foundReal = new(StringComparer.Ordinal);
        private ConcurrentBag<PendingLink> links = [];

        // Work sharing. Each worker walks depth-first from a stack of its own and hands a folder to the shared stack
        // only while another worker is idle: most folders never touch a lock. `outstanding` counts folders queued
        // anywhere and not yet visited; the walk ends when it reaches 0.
        private readonly Stack<Item> shared = new();
        private readonly object gate = new(); // a monitor: Monitor.Wait/Pulse (System.Threading.Lock has no condition wait)
        private int idle;
        private int outstanding;
        private Exception? failure;

        public List<PendingLink> TakeLinks()
        {
            var taken = links.ToList();
            links = [];
            return taken;
        }

        /// <summary>Where a link leads, unless that folder was walked (an alias) or it leads back up (a loop).</summary>
        public Item? Follow(PendingLink link)
        {
            string? target;
            try { target = walker.fileSystem.ResolveRealPath(link.Path); }
            catch (IOException e) { onSkipped(new SkippedPath(link.Path, $"symlink loop or unresolvable link: {e.Message}")); return null; }
            if (target is null || !walker.fileSystem.DirectoryExists(target)) return null;
            if (Anatomy.Paths.IsUnderOrEqual(link.ParentRealPath, target))
            {
                onSkipped(new SkippedPath(link.Path, $"symlink loop: points back to {target}"));
                return null;
            }
            if (visited.ContainsKey(target) || foundReal.ContainsKey(target)) return null;
            return new Item(link.Path, target, link.Root, link.Depth);
        }

        public void Drain(List<Item> items)
        {
            if (items.Count == 0) return;
            outstanding = items.Count;
            lock (gate) foreach (var item in items) shared.Push(item);
            var helpers = Math.Max(0, Math.Min(Environment.ProcessorCount, 8) - 1);
            var threads = new Thread[helpers];
            for (var i = 0; i < helpers; i++)
            {
                threads[i] = new Thread(Work) { IsBackground = true, Name = "discovery-walk" };
                threads[i].Start();
            }
            Work();
            foreach (var t in threads) t.Join();
            if (failure is not null) throw new AggregateException("the walk failed", failure);
            cancellationToken.ThrowIfCancellationRequested();
        }

        private void Work()
        {
            var own = new Stack<Item>();
            while (own.TryPop(out var item) || TakeShared(out item))
            {
                if (failure is null && !cancellationToken.IsCancellationRequested)
                {
                    try { Visit(item, own); }
                    catch (Exception e) { Interlocked.CompareExchange(ref failure, e, null); }
                }
                if (Interlocked.Decrement(ref outstanding) == 0) lock (gate) Monitor.PulseAll(gate);
            }
        }

        /// <summary>A folder from the shared stack, waiting while others may still add one; false when the walk is over.</summary>
        private bool TakeShared(out Item item)
        {
            lock (gate)
            {
                idle++;
                try
                {
                    while (true)
                    {
                        if (shared.TryPop(out item!)) return true;
                        if (Volatile.Read(ref outstanding) == 0) return false;
                        Monitor.Wait(gate);
                    }
                }
                finally { idle--; }
            }
        }

        private void Push(Item item, Stack<Item> own)
        {
            Interlocked.Increment(ref outstanding);
            if (Volatile.Read(ref idle) == 0) { own.Push(item); return; }
            lock (gate)
            {
                shared.Push(item);
                Monitor.Pulse(gate);
            }
        }

        private void Visit(Item item, Stack<Item> own)
        {
            if (cancellationToken.IsCancellationRequested) return;
            if (!visited.TryAdd(item.RealPath, 0)) return;
            onEnter?.Invoke(item.Path);
            IReadOnlyList<FolderEntry> entries;
            try { entries = walker.List(item.RealPath == item.Path ? item.Path : item.RealPath); }
            catch (UnauthorizedAccessException) { onSkipped(new SkippedPath(item.Path, "permission denied")); return; }
            catch (DirectoryNotFoundException) { onSkipped(new SkippedPath(item.Path, "vanished during the scan")); return; }
            catch (IOException e) { onSkipped(new SkippedPath(item.Path, e.Message)); return; }

            // Most folders carry no marker at all: they need no view and no locator.
            if (FolderView.MarkersOf(entries) != FolderMarkers.None)
            {
                var folder = new FolderView(item.RealPath, entries, walker.fileSystem);
                if (EnvironmentLocators.Identify(folder) is { } locator)
                {
                    if (foundReal.TryAdd(item.RealPath, 0))
                        onFound(new EnvironmentCandidate(item.Path, item.RealPath, locator.Kind, locator.Name, options.Manager));
                    return;
                }
                if (EnvironmentLocators.IsEnvironmentRoot(folder)) return;
            }
            if (options.MaxDepth is { } max && item.Depth >= max) return;

            var sameAsReal = item.Path == item.RealPath;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (!entry.IsDirectory) continue;
                var childPath = Path.Combine(item.Path, entry.Name);
                if (entry.Name.Contains('\uFFFD'))
                {
                    // .NET decodes file names as UTF-8; a name that is not cannot be opened again by that name.
                    onSkipped(new SkippedPath(childPath, "file name is not valid UTF-8"));
                    continue;
                }
                if (PruneRules.IsPrunedName(entry.Name)) continue;
                if (options.Prune.HasGlobs && options.Prune.IsPruned(entry.Name, Relative(item.Root, childPath))) continue;
                if (entry.IsLink)
                    links.Add(new PendingLink(childPath, item.RealPath, item.Root, item.Depth + 1));
                else
                    Push(new Item(childPath, sameAsReal ? childPath : Path.Combine(item.RealPath, entry.Name), item.Root, item.Depth + 1), own);
            }
        }

        private static string Relative(string root, string path) =>
            path.Length > root.Length ? path[(root.Length + 1)..].Replace('\\', '/') : "";
    }
}
