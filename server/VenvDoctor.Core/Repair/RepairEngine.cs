using VenvDoctor.Core.Repair.Journal;

namespace VenvDoctor.Core.Repair;

/// <summary>The result of applying a plan: the journal that undo will revert (null when the plan was empty).</summary>
public sealed record ApplyResult(string EnvironmentPath, string Action, string? JournalId, int EditsApplied);

/// <summary>The result of an undo: which repair was reverted.</summary>
public sealed record UndoResult(string EnvironmentPath, string Action, string JournalId, int PathsRestored);

/// <summary>
/// Applies a plan as one journaled transaction and undoes the last one. Order of an apply: check every edit
/// against the scope; save originals and write the manifest (nothing changed yet); apply each edit atomically;
/// mark committed. A failure or cancellation before the mark rolls back; a kill is rolled back by
/// <see cref="JournalRecovery"/> before the next repair or undo of the environment. Plans come from the actions; this class knows no action.
/// Recreate's whole-folder swap is an operation of this engine too (RepairEngine.FolderSwap.cs): one transaction mechanism.
/// </summary>
public sealed partial class RepairEngine(JournalStore store, JournalRecovery recovery, IRepairFaults faults)
{
    private PendingJournals Pending => store.Pending;

    public ApplyResult Apply(RepairPlan plan, IProgress<RepairProgress>? progress, CancellationToken cancellationToken)
    {
        var scope = new RepairScope(plan.EnvironmentPath, plan.SettingsFile);
        var root = scope.Root;
        recovery.RecoverEnvironment(root);
        foreach (var edit in plan.Edits) scope.Check(edit.Path);
        foreach (var edit in plan.Edits) CheckPrecondition(edit);
        if (plan.Edits.Select(e => Path.GetFullPath(e.Path)).Distinct(StringComparer.Ordinal).Count() != plan.Edits.Count)
            throw new RepairException("The plan changes one path twice; not applied.");
        if (plan.IsEmpty) return new ApplyResult(root, plan.Action, null, 0);
        cancellationToken.ThrowIfCancellationRequested();

        var createdFolders = plan.Edits
            .Where(e => e.Operation is EditOperation.CreateFile or EditOperation.CreateLink)
            .Select(e => Path.GetDirectoryName(Path.GetFullPath(e.Path))!)
            .Where(d => !Directory.Exists(d)).Distinct().ToList();
        // Claimed before anything is written, held until it settles (or this process dies): recovery run by another
        // process meanwhile leaves this journal alone.
        var id = RepairJournal.NewId();
        using var claim = Pending.ClaimFor(id);
        var journal = RepairJournal.Begin(store.Registry, root, plan, createdFolders, id);
        Pending.Add(journal.Id, root);
        faults.After("apply", 0);
        var applied = 0;
        try
        {
            foreach (var dir in createdFolders) Directory.CreateDirectory(dir);
            applied = ApplyEdits(plan, journal.Id, progress, cancellationToken);
            journal.MarkCommitted();
        }
        catch (Exception e) when (e is not RepairStoppedDeadException)
        {
            journal.SweepTempFiles();
            journal.RestoreOriginals();
            journal.Delete();
            Pending.Remove(journal.Id);
            if (e is OperationCanceledException) throw;
            throw new RepairException($"The repair failed and was rolled back: {e.Message}", e);
        }
        Pending.Remove(journal.Id);
        faults.After("apply", applied + 1);
        return new ApplyResult(root, plan.Action, journal.Id, applied);
    }

    /// <summary>Plans this big are written by several workers: each write is a handful of metadata operations whose latency, not CPU, dominates.</summary>
    private const int ParallelThreshold = 64;

    /// <summary>
    /// Performs every edit; returns how many. Order does not matter for safety: until the commit mark, recovery
    /// restores every journaled path whatever subset was written, and paths are distinct. Progress is throttled so
    /// a 2,000-script relocate does not send 2,000 messages. A stop (cancellation, failure, an injected fault) stops every
    /// worker before its next edit.
    /// </summary>
    private int ApplyEdits(RepairPlan plan, string journalId, IProgress<RepairProgress>? progress, CancellationToken cancellationToken)
    {
        var total = plan.Edits.Count;
        var applied = 0;
        var next = -1;
        var lastReport = System.Diagnostics.Stopwatch.StartNew();
        var reportGate = new Lock();
        Exception? failure = null;

        void Work()
        {
            int i;
            while (Volatile.Read(ref failure) is null && (i = Interlocked.Increment(ref next)) < total)
            {
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var edit = plan.Edits[i];
                    Perform(edit, journalId);
                    var done = Interlocked.Increment(ref applied);
                    lock (reportGate)
                    {
                        if (done == 1 || done == total || lastReport.ElapsedMilliseconds >= 100)
                        {
                            lastReport.Restart();
                            progress?.Report(new RepairProgress($"{done}/{total} {Path.GetFileName(edit.Path)}", done * 100 / total));
                        }
                    }
                    faults.After("apply", done);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }
        }

        if (total < ParallelThreshold) Work();
        else
        {
            var workers = Enumerable.Range(0, Math.Min(8, Math.Max(2, Environment.ProcessorCount * 2))).Select(_ => Task.Run(Work)).ToArray();
            Task.WaitAll(workers);
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return applied;
    }

    /// <summary>Reverts the last committed repair of the environment, byte for byte; null when there is none.</summary>
    public UndoResult? Undo(string environmentPath, IProgress<RepairProgress>? progress = null)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(environmentPath));
        recovery.RecoverEnvironment(root);
        // Journals that are not ours were reported by recovery; undo never replays them.
        var last = RepairJournal.Folders(root).Select(f => TryOpen(f, root)).LastOrDefault(j => j is { IsCommitted: true });
        if (last is null) return null;
        // A recreate's journal swaps the kept folder back; check it is still there before anything is marked.
        var swap = last.Manifest.Entries.FirstOrDefault(e => e.Before == FolderSwap.BeforeState);
        if (swap is not null && !Directory.Exists(swap.Path))
            throw new RepairException($"The old environment kept at {swap.Path} is gone; this recreate cannot be undone.");
        using var claim = Pending.ClaimFor(last.Id);
        // For a swap the pending entry names the kept folder: once swapped, the journal is gone with the new environment.
        Pending.Add(last.Id, root, swap?.Path, swap is null ? null : FolderSwap.UndoPhase);
        last.MarkUndoing();
        faults.After("undo", 0);
        if (swap is not null) progress?.Report(new RepairProgress($"putting back the environment kept at {swap.Path}", null));
        last.RestoreOriginals(n =>
        {
            if (n % 50 == 0) progress?.Report(new RepairProgress($"restored {n}/{last.Manifest.Entries.Count}", n * 100 / last.Manifest.Entries.Count));
            faults.After("undo", n);
        });
        last.Delete();
        Pending.Remove(last.Id);
        return new UndoResult(root, last.Manifest.Action, last.Id, last.Manifest.Entries.Count);
    }

    private RepairJournal? TryOpen(string folder, string root)
    {
        try { return RepairJournal.Open(store.Registry, folder, root); }
        catch (UntrustedJournalException) { return null; }
    }

    /// <summary>The plan must match the disk as it is now: a file edit must not turn a link into a file, and so on.</summary>
    private static void CheckPrecondition(FileEdit edit)
    {
        var status = PosixFiles.Lstat(edit.Path);
        var isLink = status.IsLink;
        var exists = status.Exists;
        var problem = edit.Operation switch
        {
            EditOperation.WriteFile when isLink => "is a symlink, not a file",
            EditOperation.WriteFile when !status.IsFile => "does not exist",
            EditOperation.WriteFile or EditOperation.CreateFile when edit.NewContent is null => "has no new content",
            EditOperation.ReplaceLink or EditOperation.ReplaceLinkWithFile when !isLink => "is not a symlink",
            EditOperation.ReplaceLinkWithFile when edit.NewContent is null && edit.CopyFrom is null => "has no new content",
            EditOperation.ReplaceLink or EditOperation.CreateLink when edit.NewLinkTarget is null => "has no link target",
            EditOperation.CreateFile or EditOperation.CreateLink when exists => "already exists",
            EditOperation.DeleteFile when !exists => "does not exist",
            EditOperation.DeleteFile when status.IsDirectory => "is a folder",
            EditOperation.RenameFolder => "is a folder rename, which only recreate performs",
            EditOperation.RunProgram => "is a program run, which only its action performs",
            _ => null,
        };
        if (problem is not null) throw new RepairException($"Cannot {FileEdit.WireName(edit.Operation)} {edit.Path}: it {problem}. Plan again.");
    }

    private static void Perform(FileEdit edit, string journalId)
    {
        switch (edit.Operation)
        {
            case EditOperation.WriteFile:
            case EditOperation.CreateFile:
                AtomicFiles.WriteFile(edit.Path, edit.NewContent!, edit.Mode, journalId);
                break;
            case EditOperation.ReplaceLink:
            case EditOperation.CreateLink:
                AtomicFiles.WriteLink(edit.Path, edit.NewLinkTarget!, journalId);
                break;
            case EditOperation.DeleteFile:
                AtomicFiles.Delete(edit.Path);
                break;
            case EditOperation.ReplaceLinkWithFile:
                AtomicFiles.ReplaceLinkWithFile(edit.Path, edit.NewContent, edit.CopyFrom, edit.Mode ?? (UnixFileMode)0b110_100_100, journalId);
                break;
        }
    }
}
