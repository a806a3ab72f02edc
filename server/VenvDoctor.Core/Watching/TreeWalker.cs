using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Walking;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Watching;

/// <summary>
/// The watch's side of the one workspace walk (<see cref="WorkspaceWalker"/>): re-walks a changed folder from where
/// it sits under its root, with the scan's depth limit, excludes and symlink rules, and watches as it goes — every
/// folder the walk enters, and inside an environment only its root, bin/Scripts and lib/Lib (pyvenv.cfg lives in
/// the root). Everything deeper in an environment (site-packages: thousands of folders) is left unwatched: a change
/// there never makes an environment move or break. A folder reached through a folder symlink is watched by its
/// path through the link: the OS watches the real folder and reports its events under the path the list shows.
/// </summary>
internal sealed class TreeWalker(WatchSet watches, WalkOptions options, IReadOnlyList<string> roots)
{
    /// <summary>
    /// A walker of its own, not discovery's: the watch needs listings read now, never the listings discovery keeps
    /// between scans; the rules are the same class's.
    /// </summary>
    private readonly WorkspaceWalker walker = new(PhysicalFileSystem.Instance);

    private static readonly string[] InteriorFolders = ["bin", "Scripts", "lib", "Lib"];

    /// <summary>Entries without which no locator recognises a folder (pyvenv.cfg, conda-meta, an interpreter folder).</summary>
    internal static readonly HashSet<string> Markers = new(StringComparer.Ordinal) { "pyvenv.cfg", "conda-meta", "bin", "Scripts", "lib", "Lib" };

    /// <summary>Called when a watch is refused for lack of room (budget or OS limit), with the reason.</summary>
    public Action<string, string>? OnLimitReached { get; set; }

    /// <summary>
    /// Environments at or under <paramref name="start"/>, by path, and what the walk could not read there. Watches as
    /// it goes when asked. Nothing when <paramref name="start"/> is excluded or deeper than the depth limit: the
    /// list would not show what is there.
    /// </summary>
    public (Dictionary<string, EnvironmentCandidate> Found, List<SkippedPath> Skipped) Walk(string start, bool addWatches, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, EnvironmentCandidate>(StringComparer.Ordinal);
        var skipped = new List<SkippedPath>();
        var root = roots.FirstOrDefault(r => Paths.IsUnderOrEqual(start, r));
        if (root is null || (start != root && options.Prune.IsPrunedPath(root, start))) return (found, skipped);
        var gate = new Lock();   // the walk's threads call back concurrently; the watch set is single-threaded
        Action<string>? enter = addWatches ? dir => { lock (gate) Watch(dir, WatchRole.Tree, null); } : null;
        walker.Walk([new WalkStart(start, root, DepthBelow(root, start))], options,
            c => { lock (gate) found[c.Path] = c; }, s => { lock (gate) skipped.Add(s); }, enter, cancellationToken);
        if (addWatches)
            foreach (var environment in found.Keys) WatchEnvironment(environment);
        return (found, skipped);
    }

    private static int DepthBelow(string root, string path) =>
        path.Length == root.Length ? 0 : path[(root.Length + 1)..].Count(c => c == Path.DirectorySeparatorChar) + 1;

    /// <summary>
    /// Watches an environment's root and its bin/Scripts and lib/Lib levels, then drops tree watches below it (in
    /// that order, so the root, entered by the walk as a tree folder, keeps its watch throughout).
    /// </summary>
    public void WatchEnvironment(string environment)
    {
        Watch(environment, WatchRole.Environment, environment);
        foreach (var name in InteriorFolders)
        {
            var sub = Path.Combine(environment, name);
            if (Directory.Exists(sub)) Watch(sub, WatchRole.Environment, environment);
        }
        watches.RemoveUnder(environment, WatchRole.Tree);
    }

    private void Watch(string dir, WatchRole role, string? environment)
    {
        var result = watches.Add(dir, role, environment);
        if (result.Status == WatchAddStatus.LimitReached) OnLimitReached?.Invoke(dir, result.Error ?? "watch limit reached");
    }
}
