namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// recreate's transaction on whole folders, each step a rename (atomic): the old environment goes to a hidden
/// sibling, a new one is built at the path, and the swap is committed by a journal inside the new one. Until
/// then the pending index names both folders, so recovery can put the old one back; undo swaps back the same
/// way. Deleting the half-built or undone folder is the only non-atomic step, and it only touches our own folder.
/// </summary>
public static class FolderSwap
{
    public const string BuildPhase = "build";
    public const string UndoPhase = "undo";

    /// <summary>The hidden sibling that keeps the old environment: <c>.NAME.venv-doctor-old-ID</c>.</summary>
    public static string AsideFor(string environment, string id) =>
        Path.Combine(Path.GetDirectoryName(environment)!, $".{Path.GetFileName(environment)}.venv-doctor-old-{id}");

    private static string TrashFor(string environment, string id) =>
        Path.Combine(Path.GetDirectoryName(environment)!, $".{Path.GetFileName(environment)}.venv-doctor-undone-{id}");

    /// <summary>Only our own siblings may be created or removed next to an environment.</summary>
    public static void CheckSibling(string environment, string path)
    {
        var name = Path.GetFileName(path);
        if (Path.GetDirectoryName(path) != Path.GetDirectoryName(environment) || !name.StartsWith($".{Path.GetFileName(environment)}.venv-doctor-", StringComparison.Ordinal))
            throw new RepairException($"Refusing to touch {path}: not this environment's own aside folder.");
    }

    /// <summary>Puts the old environment back (build not committed), or finishes an undo.</summary>
    internal static IReadOnlyList<RecoveredJournal> Recover(PendingJournals.PendingEntry entry)
    {
        var env = entry.EnvironmentPath;
        var aside = entry.Aside!;
        CheckSibling(env, aside);
        if (!Directory.Exists(aside)) return []; // never moved aside, or already back: nothing to settle
        var trash = TrashFor(env, entry.JournalId);
        if (Directory.Exists(env) || File.Exists(env)) Directory.Move(env, trash);
        Directory.Move(aside, env);
        if (Directory.Exists(trash)) Directory.Delete(trash, recursive: true);
        return [new RecoveredJournal(env, entry.JournalId, entry.Phase == UndoPhase ? "undo-finished" : "rolled-back")];
    }

    /// <summary>
    /// Moves the environment aside; the pending entry is written first so a kill at any point is recoverable. The
    /// returned claim must be held until <see cref="Commit"/> or <see cref="RollBack"/>: while it is, recovery in
    /// another process leaves this swap alone.
    /// </summary>
    public static IDisposable MoveAside(string environment, string aside, string id)
    {
        CheckSibling(environment, aside);
        var claim = PendingJournals.ClaimFor(id);
        try
        {
            PendingJournals.Add(id, environment, aside, BuildPhase);
            Directory.Move(environment, aside);
            return claim;
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    /// <summary>The build failed or was cancelled: remove the new folder, put the old one back.</summary>
    public static void RollBack(string environment, string aside, string id)
    {
        Recover(new PendingJournals.PendingEntry(id, environment, aside, BuildPhase));
        PendingJournals.Remove(id);
    }

    /// <summary>The new environment works: record the swap inside it (for undo) and settle the pending entry.</summary>
    internal static void Commit(string environment, string aside, string id, string title)
    {
        var journal = RepairJournal.BeginFolderSwap(environment, id, title, aside);
        journal.MarkCommitted();
        PendingJournals.Remove(id);
    }

    /// <summary>Undo of a recreate: the new environment goes, the kept one comes back.</summary>
    internal static void Undo(string environment, string aside, string id)
    {
        CheckSibling(environment, aside);
        if (!Directory.Exists(aside)) throw new RepairException($"The old environment kept at {aside} is gone; this recreate cannot be undone.");
        using var claim = PendingJournals.ClaimFor(id);
        PendingJournals.Add(id, environment, aside, UndoPhase);
        Recover(new PendingJournals.PendingEntry(id, environment, aside, UndoPhase));
        PendingJournals.Remove(id);
    }
}
