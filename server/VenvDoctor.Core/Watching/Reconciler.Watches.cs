using Microsoft.Extensions.Logging;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Watching;

/// <summary>
/// The watches that follow what is known rather than the tree: base interpreters' folders and the folders
/// diagnoses read. Synced after every batch, so they never outlive the environments that need them.
/// </summary>
internal sealed partial class Reconciler
{
    /// <summary>Watches exactly the base folders known environments depend on (a handful, shared between them).</summary>
    private void SyncBaseWatches() => SyncWatches(WatchRole.Base, k => k.BaseFolders(), "base interpreter folder");

    /// <summary>Watches the folders the current diagnoses read (site-packages, editable sources), and no others.</summary>
    private void SyncInputWatches() => SyncWatches(WatchRole.Input, k => k.InputFolders, "folder read by a diagnosis");

    private void SyncWatches(WatchRole role, Func<KnownEnvironment, IEnumerable<string>> foldersOf, string what)
    {
        var wanted = known.Values.SelectMany(foldersOf).ToHashSet(StringComparer.Ordinal);
        foreach (var path in watches.PathsWith(role))
            if (!wanted.Contains(path)) watches.Remove(path, role);
        foreach (var path in wanted)
        {
            if (!Directory.Exists(path)) continue;   // removed: the folder above it (also watched) sees it come back
            var r = watches.Add(path, role);
            if (r.Status == WatchAddStatus.LimitReached)
                logger.LogWarning("Cannot watch {What} {Path}: {Reason}", what, path, r.Error);
        }
    }
}
