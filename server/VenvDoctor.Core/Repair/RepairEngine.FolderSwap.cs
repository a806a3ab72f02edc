using VenvDoctor.Core.Repair.Journal;

namespace VenvDoctor.Core.Repair;

/// <summary>
/// The engine's folder-swap operation (recreate): the same transaction as file edits, on the whole environment.
/// Kept in its own file because its steps differ (a build between the move and the commit) while its claim,
/// pending index, journal, fault points, roll-back, undo and recovery are the engine's.
/// </summary>
public sealed partial class RepairEngine
{
    /// <summary>
    /// Moves the environment to its hidden sibling, lets <paramref name="buildNew"/> make a new one at the same path,
    /// and commits with a journal in the new one whose <c>rename-folder</c> entry names the kept folder (for undo).
    /// The pending entry is written before the move, so a kill at any point is settled by the next repair or undo;
    /// a failure or cancellation before the commit puts the old environment back. Writes for <see cref="IRepairFaults"/>:
    /// 0 = pending entry written, 1 = moved aside, 2 = new one built, 3 = committed.
    /// </summary>
    /// <param name="journalId">The id the plan's aside folder was named with (<see cref="RepairJournal.NewId"/>).</param>
    public async Task<ApplyResult> ApplyFolderSwapAsync(RepairPlan plan, string journalId, Func<CancellationToken, Task> buildNew, CancellationToken cancellationToken)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(plan.EnvironmentPath));
        var aside = FolderSwap.AsideFor(root, journalId);
        if (plan.Edits is not [{ Operation: EditOperation.RenameFolder } swap] || Path.TrimEndingDirectorySeparator(Path.GetFullPath(swap.Path)) != root || swap.After != aside)
            throw new RepairException("A folder swap plan renames exactly its environment to its own aside folder; not applied.");
        recovery.RecoverEnvironment(root);
        FolderSwap.CheckSibling(root, aside);
        var status = PosixFiles.Lstat(root);
        if (status.IsLink || !status.IsDirectory) throw new RepairException($"Cannot recreate {root}: it is not a folder (a symlink or a file).");
        if (PosixFiles.Lstat(aside).Exists) throw new RepairException($"Cannot recreate {root}: {aside} already exists.");
        cancellationToken.ThrowIfCancellationRequested();

        using var claim = Pending.ClaimFor(journalId);
        Pending.Add(journalId, root, aside, FolderSwap.BuildPhase);
        faults.After("apply", 0);
        try
        {
            Directory.Move(root, aside);
            faults.After("apply", 1);
            await buildNew(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            faults.After("apply", 2);
            RepairJournal.BeginFolderSwap(store.Registry, root, journalId, plan.Title, aside).MarkCommitted();
        }
        catch (Exception e) when (e is not RepairStoppedDeadException)
        {
            FolderSwap.PutBack(root, aside, journalId);
            store.Registry.Forget(journalId); // a journal written in the new environment went with it
            Pending.Remove(journalId);
            throw;
        }
        Pending.Remove(journalId);
        faults.After("apply", 3);
        return new ApplyResult(root, plan.Action, journalId, 1);
    }
}
