namespace VenvDoctor.Core.Repair.Journal;

/// <summary>What recovery did to one journal: <c>rolled-back</c>, <c>undo-finished</c>, <c>discarded</c>, or <c>not-replayed</c> (with why).</summary>
public sealed record RecoveredJournal(string EnvironmentPath, string JournalId, string Outcome, string? Reason = null)
{
    /// <summary>One line for a user.</summary>
    public string Describe() => Outcome == NotReplayed
        ? Reason ?? $"journal {JournalId} in {EnvironmentPath} was not replayed."
        : $"an interrupted repair of {EnvironmentPath} was {Outcome.Replace('-', ' ')} (journal {JournalId}).";

    public const string NotReplayed = "not-replayed";
}

/// <summary>
/// Settles the journals a killed process left open in one environment, so it is always in its old state or its
/// new one: an apply that did not commit is rolled back; an undo that did not finish is finished. Runs only before
/// a repair or undo of that environment (under its <see cref="EnvironmentLock"/>), never at start-up, scan or
/// listing: a journal found on disk is data, and only journals this user's tool wrote (see
/// <see cref="RepairJournal.Open"/>) are acted on. Others are reported as not replayed.
/// </summary>
public sealed class JournalRecovery(JournalStore store)
{
    private JournalRegistry Registry => store.Registry;
    private PendingJournals Pending => store.Pending;

    public IReadOnlyList<RecoveredJournal> RecoverEnvironment(string environmentPath)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(environmentPath));
        var done = new List<RecoveredJournal>();
        done.AddRange(SettlePendingSwaps(root));
        foreach (var folder in RepairJournal.Folders(root))
        {
            var name = Path.GetFileName(folder);
            if (!JournalRegistry.IsWellFormedId(name))
            {
                done.Add(new RecoveredJournal(root, name, RecoveredJournal.NotReplayed, $"Journal {folder} was not replayed: its name is not a journal id this tool makes."));
                continue;
            }
            using var claim = Pending.TryClaim(name);
            if (claim is null) continue; // being applied or undone right now by a live process
            RepairJournal? journal;
            try { journal = RepairJournal.Open(Registry, folder, root); }
            catch (UntrustedJournalException e)
            {
                done.Add(new RecoveredJournal(root, name, RecoveredJournal.NotReplayed, e.Message));
                continue;
            }
            if (journal is null)
            {
                // Stopped while saving originals: nothing in the environment was touched yet. Only our own folder is removed.
                if (!Registry.IsListed(name))
                {
                    done.Add(new RecoveredJournal(root, name, RecoveredJournal.NotReplayed, $"Journal {folder} was not replayed: it was not written by this user's venv-doctor."));
                    continue;
                }
                Directory.Delete(folder, recursive: true);
                Registry.Forget(name);
                done.Add(new RecoveredJournal(root, name, "discarded"));
                continue;
            }
            var undoing = journal.IsUndoing;
            if (undoing || !journal.IsCommitted)
            {
                journal.SweepTempFiles();
                journal.RestoreOriginals();
                journal.Delete();
                done.Add(new RecoveredJournal(root, journal.Id, undoing ? "undo-finished" : "rolled-back"));
            }
            Pending.Remove(journal.Id);
        }
        return done;
    }

    /// <summary>
    /// A recreate killed mid-build (or mid-undo) has its old environment in a hidden sibling; only the pending
    /// index in the journal store names it, so that is what is trusted here.
    /// </summary>
    private List<RecoveredJournal> SettlePendingSwaps(string root)
    {
        var done = new List<RecoveredJournal>();
        foreach (var entry in Pending.List().Where(e => e.Aside is not null && e.EnvironmentPath == root))
        {
            using var claim = Pending.TryClaim(entry.JournalId);
            if (claim is null || !Pending.IsListed(entry.JournalId)) continue;
            if (entry.Phase == FolderSwap.BuildPhase && IsCommittedHere(root, entry.JournalId))
            {
                Pending.Remove(entry.JournalId); // killed after the commit mark: the recreate stands, kept for undo
                continue;
            }
            // The same step undo takes for a folder entry; a journal written in the new environment goes with it.
            var settles = Directory.Exists(entry.Aside);
            FolderSwap.PutBack(root, entry.Aside!, entry.JournalId);
            Registry.Forget(entry.JournalId);
            Pending.Remove(entry.JournalId);
            if (settles) done.Add(new RecoveredJournal(root, entry.JournalId, entry.Phase == FolderSwap.UndoPhase ? "undo-finished" : "rolled-back"));
        }
        return done;
    }

    private bool IsCommittedHere(string root, string journalId)
    {
        try { return RepairJournal.Open(Registry, Path.Combine(RepairJournal.JournalsFolder(root), journalId), root) is { IsCommitted: true }; }
        catch (Exception e) when (e is UntrustedJournalException or IOException) { return false; }
    }
}
