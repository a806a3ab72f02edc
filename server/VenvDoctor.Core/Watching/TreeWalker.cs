using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Walking;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Watching;

/// <summary>
/// Walks part of a workspace root (pruning as discovery does: <see cref="PruneRules"/>): identifies environments (through discovery, so every kind it knows counts) and
/// watches what matters — each folder of the tree outside pruned folders, and inside an environment only its root,
/// bin/Scripts and lib/Lib (pyvenv.cfg lives in the root). Everything deeper in an environment (site-packages:
/// thousands of folders) is left unwatched: a change there never makes an environment move or break.
/// </summary>
internal sealed class TreeWalker(IEnvironmentDiscovery discovery, WatchSet watches, PruneRules prune, IReadOnlyList<string> roots)
{
    private static readonly EnumerationOptions Children = new()
    {
        IgnoreInaccessible = true, RecurseSubdirectories = false, ReturnSpecialDirectories = false, AttributesToSkip = 0,
    };

    private static readonly string[] InteriorFolders = ["bin", "Scripts", "lib", "Lib"];

    /// <summary>Entries without which no locator recognises a folder (pyvenv.cfg, conda-meta, an interpreter folder).</summary>
    internal static readonly HashSet<string> Markers = new(StringComparer.Ordinal) { "pyvenv.cfg", "conda-meta", "bin", "Scripts", "lib", "Lib" };

    /// <summary>Called when a watch is refused for lack of room (budget or OS limit), with the reason.</summary>
    public Action<string, string>? OnLimitReached { get; set; }

    /// <summary>Environments at or under <paramref name="start"/>, by path. Watches as it goes when asked.</summary>
    public Dictionary<string, EnvironmentCandidate> Walk(string start, bool addWatches, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, EnvironmentCandidate>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dir = pending.Pop();
            List<FileSystemInfo> entries;
            try { entries = new DirectoryInfo(dir).EnumerateFileSystemInfos("*", Children).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }   // vanished or unreadable
            // Ask discovery only about folders with an environment's marks: one listing instead of a probe per folder.
            if (entries.Any(e => Markers.Contains(e.Name)) && Identify(dir) is { } candidate)
            {
                found[dir] = candidate;
                if (addWatches) WatchEnvironment(dir);
                continue;
            }
            if (addWatches) Watch(dir, WatchRole.Tree, null);
            foreach (var child in entries.OfType<DirectoryInfo>())
            {
                if (IsPruned(child)) continue;
                if (child.LinkTarget is not null)
                {
                    // A symlinked folder: an environment there counts (.venv -> /elsewhere), but never descend (loops).
                    if (Identify(child.FullName) is { } linked) found[child.FullName] = linked;
                    continue;
                }
                pending.Push(child.FullName);
            }
        }
        return found;
    }

    /// <summary>Watches an environment's root and its bin/Scripts and lib/Lib levels; drops tree watches below it.</summary>
    public void WatchEnvironment(string environment)
    {
        watches.RemoveUnder(environment, WatchRole.Tree);
        Watch(environment, WatchRole.Environment, environment);
        foreach (var name in InteriorFolders)
        {
            var sub = Path.Combine(environment, name);
            if (Directory.Exists(sub)) Watch(sub, WatchRole.Environment, environment);
        }
    }

    private bool IsPruned(DirectoryInfo dir)
    {
        if (PruneRules.IsPrunedName(dir.Name)) return true;
        if (!prune.HasGlobs) return false;
        var root = roots.FirstOrDefault(r => PathUtil.IsUnderOrEqual(dir.FullName, r));
        return root is not null && prune.IsPruned(dir.Name, Path.GetRelativePath(root, dir.FullName).Replace('\\', '/'));
    }

    private EnvironmentCandidate? Identify(string dir)
    {
        try { return discovery.Identify(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private void Watch(string dir, WatchRole role, string? environment)
    {
        var result = watches.Add(dir, role, environment);
        if (result.Status == WatchAddStatus.LimitReached) OnLimitReached?.Invoke(dir, result.Error ?? "watch limit reached");
    }
}
