using System.Text.Json;
using VenvDoctor.Core.Model;
using VenvDoctor.JsonRpc;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Journal;

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
/// <c>venv/applyRepair</c>'s result and the CLI's <c>--json</c> output. <see cref="Left"/>: every file the repair left
/// as it was, with the reason (the plan's list); <see cref="Diagnosis"/> is a fresh diagnosis made after the repair.
/// </summary>
public sealed record ApplyRepairResult(bool Applied, string Path, string Action, string? JournalId, int EditsApplied, RepairPlanWire Plan, EnvironmentWire Diagnosis)
{
    public IReadOnlyList<LeftFileWire> Left => Plan.Left;
    public IReadOnlyList<string>? NotReinstalled { get; init; }
    /// <summary>Journals settled before the repair, or found and not replayed (not ours), one line each for the user.</summary>
    public IReadOnlyList<string>? Journals { get; init; }
}

/// <summary><c>venv/undoRepair</c>'s result and the CLI's <c>undo --json</c> output.</summary>
public sealed record UndoRepairResult(bool Restored, string Path, string? Action, string? JournalId, EnvironmentWire Diagnosis)
{
    /// <summary>As <see cref="ApplyRepairResult.Journals"/>.</summary>
    public IReadOnlyList<string>? Journals { get; init; }

    public static IReadOnlyList<string>? JournalLines(IReadOnlyList<RecoveredJournal> settled) =>
        settled.Count > 0 ? settled.Select(r => r.Describe()).ToList() : null;
}

/// <summary>The Environment type of docs/protocol.md §3, as repair results carry it.</summary>
public sealed record EnvironmentWire(string Path, string Kind, string? Version, string? Interpreter, string? Home, string? Prompt, string? Manager,
    string Health, IReadOnlyList<FindingWire> Findings, IReadOnlyList<SuggestionWire> Suggestions)
{
    public static EnvironmentWire From(PythonEnvironment e) => new(e.Path, WireNames.Of(e.Kind), e.Version, e.Interpreter, e.Home, e.Prompt, e.Manager,
        WireNames.Of(e.Health),
        e.Findings.Select(f => new FindingWire(f.Code, WireNames.Of(f.Severity), f.Message, f.Data)).ToList(),
        e.Suggestions.Select(s => new SuggestionWire(s.Action, s.Title, s.Data)).ToList());
}

public sealed record FindingWire(string Code, string Severity, string Message, IReadOnlyDictionary<string, string> Data);

public sealed record SuggestionWire(string Action, string Title, IReadOnlyDictionary<string, string> Data);
