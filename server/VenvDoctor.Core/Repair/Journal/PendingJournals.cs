using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// A small index of journals that are open (being applied or undone), kept in the <see cref="JournalStore"/>'s folder: the
/// next repair or undo of an environment finds there a recreate's old folder (a sibling the environment's own
/// journal folder cannot name while it is swapped out). One file per journal holding the environment's path;
/// written before the first change, removed when the journal settles.
/// Beside the registry, this is all the engine writes outside an environment, and it is the tool's own state.
/// </summary>
internal sealed class PendingJournals(JournalStore store)
{
    private const string FolderName = "pending";

    private string Folder => store.Folder(FolderName);

    internal void Add(string journalId, string environmentPath, string? aside = null, string? phase = null)
    {
        var folder = store.WritableFolder(FolderName);
        var temp = Path.Combine(folder, $".{journalId}.tmp");
        // Line 1: the environment; for a folder swap (recreate) line 2 is the aside folder and line 3 the phase.
        File.WriteAllText(temp, aside is null ? environmentPath : $"{environmentPath}\n{aside}\n{phase}");
        File.Move(temp, Path.Combine(folder, journalId), overwrite: true);
    }

    internal void Remove(string journalId)
    {
        try { File.Delete(Path.Combine(Folder, journalId)); }
        catch (IOException) { } // Best effort: recovery of a settled journal is a no-op.
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Environments with a journal that may need finishing or rolling back.</summary>
    internal IReadOnlyList<PendingEntry> List()
    {
        if (!Directory.Exists(Folder)) return [];
        var list = new List<PendingEntry>();
        foreach (var f in Directory.EnumerateFiles(Folder))
        {
            var name = Path.GetFileName(f);
            if (!JournalRegistry.IsWellFormedId(name)) continue; // temp files, locks

            try
            {
                var lines = WorkspaceFile.ReadText(f, FileKind.JournalIndex).Split('\n');
                list.Add(new PendingEntry(name, lines[0].Trim(), lines.Length > 1 ? lines[1] : null, lines.Length > 2 ? lines[2].Trim() : null));
            }
            catch (IOException) { }
        }
        return list;
    }

    internal sealed record PendingEntry(string JournalId, string EnvironmentPath, string? Aside, string? Phase);

    /// <summary>True while the journal's entry is still in the index (it may have settled since it was listed).</summary>
    internal bool IsListed(string journalId) => File.Exists(Path.Combine(Folder, journalId));

    /// <summary>
    /// Claims a journal for this process: an exclusive lock on <c>.ID.lock</c> here, held from before the journal is
    /// written until it settles. The system drops the lock when the process dies, which is how recovery tells a
    /// journal a killed process left (settle it) from one another process or thread is applying right now (leave it:
    /// rolling that back would undo a repair in mid-flight). Throws when the journal is claimed already.
    /// </summary>
    internal Claim ClaimFor(string journalId) =>
        TryClaim(journalId) ?? throw new RepairException($"Another repair of this environment is in progress (journal {journalId}).");

    /// <summary>The claim, or null when a live process (or another thread here) holds it.</summary>
    internal Claim? TryClaim(string journalId)
    {
        if (!JournalRegistry.IsWellFormedId(journalId)) throw new RepairException($"'{journalId}' is not a journal id.");
        var path = Path.Combine(store.WritableFolder(FolderName), $".{journalId}.lock");
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix (a lock file's share mode on Windows).
            return new Claim(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), path);
        }
        catch (IOException) when (File.Exists(path)) { return null; }
    }

    internal sealed class Claim(FileStream lockFile, string path) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            // Delete while still holding the lock, so no one claims a file that is about to vanish.
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            lockFile.Dispose();
        }
    }
}
