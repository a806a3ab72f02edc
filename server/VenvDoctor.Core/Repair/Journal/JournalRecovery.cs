namespace VenvDoctor.Core.Repair.Journal;

/// <summary>What recovery did to one journal.</summary>
public sealed record RecoveredJournal(string EnvironmentPath, string JournalId, string Outcome);

/// <summary>
/// Settles journals a killed process left open, so an environment is always in its old state or its new one:
/// an apply that did not commit is rolled back; an undo that did not finish is finished. Run at every start (any
/// CLI verb, <c>serve</c>) for the pending index, and before any repair or undo of an environment for that one.
/// </summary>
public sealed class JournalRecovery
{
    /// <summary>Settles every journal the pending index lists.</summary>
    public IReadOnlyList<RecoveredJournal> RecoverAll()
    {
        var done = new List<RecoveredJournal>();
        foreach (var entry in PendingJournals.List())
        {
            var id = entry.JournalId;
            // A journal another process (or thread) is working on is not ours to settle; nor one that settled since.
            using (var claim = PendingJournals.TryClaim(id))
            {
                if (claim is null || !PendingJournals.IsListed(id)) continue;
                if (entry.Aside is not null) done.AddRange(FolderSwap.Recover(entry));
                if (entry.Aside is not null || !Directory.Exists(entry.EnvironmentPath))
                {
                    PendingJournals.Remove(id);
                    continue;
                }
            }
            // The journal lives in the environment: RecoverEnvironment claims it again (a claim is not re-entrant).
            done.AddRange(RecoverEnvironment(entry.EnvironmentPath));
            using (var again = PendingJournals.TryClaim(id))
                if (again is not null) PendingJournals.Remove(id);
        }
        return done;
    }

    /// <summary>Settles every open journal inside one environment.</summary>
    public IReadOnlyList<RecoveredJournal> RecoverEnvironment(string environmentPath)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(environmentPath));
        var done = new List<RecoveredJournal>();
        foreach (var folder in RepairJournal.Folders(root))
        {
            using var claim = PendingJournals.TryClaim(Path.GetFileName(folder));
            if (claim is null) continue; // being applied or undone right now by a live process
            var journal = RepairJournal.Open(folder, root);
            if (journal is null)
            {
                // Stopped while saving originals: nothing in the environment was touched yet.
                Directory.Delete(folder, recursive: true);
                done.Add(new RecoveredJournal(root, Path.GetFileName(folder), "discarded"));
                continue;
            }
            if (journal.IsUndoing)
            {
                journal.SweepTempFiles();
                journal.RestoreOriginals();
                journal.Delete();
                done.Add(new RecoveredJournal(root, journal.Id, "undo-finished"));
            }
            else if (!journal.IsCommitted)
            {
                journal.SweepTempFiles();
                journal.RestoreOriginals();
                journal.Delete();
                done.Add(new RecoveredJournal(root, journal.Id, "rolled-back"));
            }
            PendingJournals.Remove(journal.Id);
        }
        return done;
    }
}
