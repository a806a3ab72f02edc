using System.Text.Json;
using VenvDoctor.JsonRpc;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Sidecar.Protocol.Discovery;

namespace VenvDoctor.Sidecar.Protocol.Repair;

/// <summary>
/// <c>venv/planRepair</c> and <c>venv/applyRepair</c> params. <c>userChosen</c>: the user picked this path
/// (e.g. in a folder dialog), so it may lie outside the workspace roots.
/// </summary>
public sealed record RepairParams(string Path) : IProgressParams
{
    public JsonElement? WorkDoneToken { get; init; }
    public JsonElement? PartialResultToken { get; init; }
    public string? Action { get; init; }
    public string? Base { get; init; }
    public string? From { get; init; }
    public string? Source { get; init; }
    public string? WorkspaceFolder { get; init; }
    public bool UserChosen { get; init; }
}

/// <summary><c>venv/undoRepair</c> params.</summary>
public sealed record UndoRepairParams(string Path)
{
    public bool UserChosen { get; init; }
}

/// <summary>One edit of a plan, as shown to the user.</summary>
public sealed record FileEditWire(string File, string Operation, string Description, string? Before, string? After);

/// <summary>A file a repair leaves as it was, and why (docs/protocol.md, LeftFile).</summary>
public sealed record LeftFileWire(string File, string Reason)
{
    public static IReadOnlyList<LeftFileWire> From(RepairPlan plan) => plan.Left.Select(l => new LeftFileWire(l.Path, l.Reason)).ToList();
}

/// <summary>A plan: <c>venv/planRepair</c>'s result and the CLI's <c>--dry-run --json</c> output.</summary>
public sealed record RepairPlanWire(string Path, string Action, string Title, IReadOnlyList<FileEditWire> Edits, IReadOnlyList<string> Notes, IReadOnlyList<LeftFileWire> Left)
{
    public static RepairPlanWire From(RepairPlan plan) => new(plan.EnvironmentPath, plan.Action, plan.Title,
        plan.Edits.Select(e => new FileEditWire(e.Path, FileEdit.WireName(e.Operation), e.Description, e.Before, e.After)).ToList(), plan.Notes, LeftFileWire.From(plan));
}

/// <summary>
/// <c>venv/applyRepair</c>'s result and the CLI's <c>repair --json</c> output. <see cref="Left"/>: every file the
/// repair left as it was, with the reason (the plan's list); <see cref="Diagnosis"/> is a fresh diagnosis made after
/// the repair.
/// </summary>
public sealed record ApplyRepairResult(bool Applied, string Path, string Action, string? JournalId, int EditsApplied, RepairPlanWire Plan,
    IReadOnlyList<LeftFileWire> Left, EnvironmentDto Diagnosis, IReadOnlyList<string> NotReinstalled, IReadOnlyList<string> Journals)
{
    /// <summary>The one builder, for the RPC handler and the CLI alike.</summary>
    public static ApplyRepairResult From(RepairOutcome outcome) => new(
        outcome.Applied.EditsApplied > 0 || outcome.Applied.JournalId is not null, outcome.Applied.EnvironmentPath, outcome.Applied.Action,
        outcome.Applied.JournalId, outcome.Applied.EditsApplied, RepairPlanWire.From(outcome.Plan), LeftFileWire.From(outcome.Plan),
        DiscoveryWire.ToWire(outcome.Diagnosis), outcome.NotReinstalled, JournalLines(outcome.Settled));

    /// <summary>Journals settled before the repair, or found and not replayed (not ours), one line each for the user.</summary>
    internal static IReadOnlyList<string> JournalLines(IReadOnlyList<RecoveredJournal> settled) => settled.Select(r => r.Describe()).ToList();
}

/// <summary>
/// <c>venv/undoRepair</c>'s result and the CLI's <c>undo --json</c> output. <see cref="Diagnosis"/> is null when the
/// path was a settings file (its last edit reverted: there is no environment to diagnose).
/// </summary>
public sealed record UndoRepairResult(bool Restored, string Path, string? Action, string? JournalId, EnvironmentDto? Diagnosis, IReadOnlyList<string> Journals)
{
    /// <summary>The undo of a settings file's last edit (<see cref="InterpreterSettingService"/>).</summary>
    public static UndoRepairResult From(SettingUndoOutcome outcome) =>
        new(outcome.Undone is not null, outcome.SettingsFile, outcome.Undone?.Action, outcome.Undone?.JournalId, null, []);

    /// <summary>The one builder, for the RPC handler and the CLI alike.</summary>
    public static UndoRepairResult From(UndoOutcome outcome) => new(
        outcome.Undone is not null, outcome.Diagnosis.Path, outcome.Undone?.Action, outcome.Undone?.JournalId, DiscoveryWire.ToWire(outcome.Diagnosis),
        ApplyRepairResult.JournalLines(outcome.Settled));
}

/// <summary>
/// One environment of <c>repair PATH PATH... --json</c> (several environments, one request each): <c>outcome</c> is
/// <c>repaired</c> (healthy afterwards), <c>not-healthy</c> (applied, findings remain), <c>failed</c> (refused or
/// rolled back: <c>error</c> says why), <c>cancelled</c> (not attempted, or rolled back, after Ctrl+C).
/// The CLI's document only: over RPC a client sends one <c>venv/applyRepair</c> per environment.
/// </summary>
public sealed record FleetRepairEntry(string Path, string Outcome, ApplyRepairResult? Result, string? Error);

/// <summary>The CLI's <c>repair PATH PATH... --json</c> document: one entry per PATH, in the order given.</summary>
public sealed record FleetRepairResult(IReadOnlyList<FleetRepairEntry> Results);
