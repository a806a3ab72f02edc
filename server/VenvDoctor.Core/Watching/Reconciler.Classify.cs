using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Watching;

/// <summary>Raw events and editor hints → what a batch must look at again (tree folders to walk, environments to re-check).</summary>
internal sealed partial class Reconciler
{
    public void ClassifyEvent(RawWatchEvent e, ChangeBatch batch)
    {
        if (e.Kind == RawEventKind.Overflow)
        {
            foreach (var root in Roots)
            {
                eventsLost.Add(root);
                Degrade(root, "the event queue overflowed: events were lost");
            }
            batch.Overflowed = true;
            return;
        }
        if (!watches.TryGet(e.Handle, out var w)) return;   // a watch we already dropped
        var full = e.Name is null ? w.Path : Path.Join(w.Path, e.Name);
        if (e.Kind == RawEventKind.Ignored) watches.Forget(e.Handle);
        batch.NoteMove(e, full);

        if ((w.Roles & WatchRole.Environment) != 0 && w.Environment is not null)
            batch.Recheck.Add(w.Environment);
        if ((w.Roles & WatchRole.Tree) != 0)
        {
            if (e.Name is null) batch.Trees.Add(w.Path);                  // the folder itself went away or moved
            else if (e.IsDirectory)                                        // a folder created, deleted or renamed;
                batch.Trees.Add(TreeWalker.Markers.Contains(e.Name) ? w.Path : full);   // bin/, lib/, conda-meta/: is the parent an environment now?
            else if (e.Kind != RawEventKind.Modified) ClassifyEntry(w.Path, full, e.Name, e.Kind, batch);
        }
        if ((w.Roles & WatchRole.Input) != 0)
            foreach (var k in known.Values)
                if (k.InputFolders.Contains(w.Path, StringComparer.Ordinal)) batch.Recheck.Add(k.Path);
        if ((w.Roles & WatchRole.Base) != 0)
        {
            batch.BasesTouched = true;
            foreach (var k in known.Values)
                if (k.DependsOn(full)) batch.Recheck.Add(k.Path);
        }
    }

    /// <summary>A file (or symlink) entry in a tree folder: only a few names can make a folder an environment.</summary>
    private void ClassifyEntry(string folder, string full, string name, RawEventKind kind, ChangeBatch batch)
    {
        // A symlink removed or replaced may have been the way to environments below it (libs -> ../shared/libs).
        if (name is "pyvenv.cfg" || known.Keys.Any(k => Paths.IsUnderOrEqual(k, full)))
            batch.Trees.Add(name is "pyvenv.cfg" ? folder : full);
        else if (kind is RawEventKind.Created or RawEventKind.MovedTo && Directory.Exists(full))
            batch.Trees.Add(full);                                         // a symlink to a folder (.venv -> elsewhere)
    }

    /// <summary>A path the editor says changed: re-check its environment, or re-walk the tree around it.</summary>
    public void ClassifyPath(string path, ChangeBatch batch)
    {
        var owner = known.Keys.FirstOrDefault(k => Paths.IsUnderOrEqual(path, k));
        if (owner is not null) { batch.Recheck.Add(owner); if (owner == path) batch.Trees.Add(path); return; }
        if (RootOf(path) is null) return;
        batch.Trees.Add(Path.GetFileName(path) == "pyvenv.cfg" || File.Exists(path) ? Path.GetDirectoryName(path)! : path);
    }

}
