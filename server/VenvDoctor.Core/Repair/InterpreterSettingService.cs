using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Repair.Policy;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Repair;

/// <summary>A settings edit that ran: the plan and what the engine applied (<see cref="ApplyResult.JournalId"/> null when nothing changed).</summary>
public sealed record SettingEditOutcome(string SettingsFile, RepairPlan Plan, ApplyResult Applied);

/// <summary>An undo of a settings file's last edit (<see cref="Undone"/> null when there was none).</summary>
public sealed record SettingUndoOutcome(string SettingsFile, UndoResult? Undone);

/// <summary>
/// Every edit of <c>python.defaultInterpreterPath</c> a client asks for by file — the interpreter picker's choice
/// when no Python extension owns it (a base interpreter as well as an environment's), the quick fix on a stale
/// setting in <c>.vscode/settings.json</c> or a <c>*.code-workspace</c> — as one journaled, undoable transaction
/// of the same engine as every repair. Such an edit has no environment folder to keep its journal, so it is kept
/// in the journal store's private state folder (<see cref="JournalStore.SettingsJournalHome"/>), one home per
/// settings file; undo names the settings file (<c>venv-sidecar undo FILE</c>, <c>venv/undoRepair</c>).
/// Which file a request may name is <see cref="WorkspaceSettings.CheckDeclared"/>'s rule, by real path.
/// </summary>
public sealed class InterpreterSettingService(RepairEngine engine, JournalStore journals)
{
    /// <summary>Sets the file's interpreter setting to <paramref name="interpreter"/>, journaled.</summary>
    /// <param name="roots">The workspace roots the client declared; null when the user named the file.</param>
    public SettingEditOutcome Set(string settingsFile, string interpreter, IReadOnlyList<string>? roots, CancellationToken cancellationToken)
    {
        var file = Anatomy.Paths.Full(settingsFile);
        WorkspaceSettings.CheckDeclared(file, roots);
        if (!Path.IsPathFullyQualified(interpreter)) throw new RepairException($"The interpreter {interpreter} is not an absolute path.");
        if (!File.Exists(interpreter)) throw new RepairException($"The interpreter {interpreter} does not exist.");
        var home = journals.SettingsJournalHome(file, create: true)!;
        using var locked = journals.LockEnvironment(home);
        var plan = InterpreterSettingFile.Plan(home, RepairActions.RepointInterpreter, file, interpreter);
        return new SettingEditOutcome(file, plan, engine.Apply(plan, null, cancellationToken));
    }

    /// <summary>Reverts the last edit of the settings file, byte for byte; null when there is none.</summary>
    public SettingUndoOutcome Undo(string settingsFile, IReadOnlyList<string>? roots)
    {
        var file = Anatomy.Paths.Full(settingsFile);
        WorkspaceSettings.CheckDeclared(file, roots);
        if (journals.SettingsJournalHome(file, create: false) is not { } home) return new SettingUndoOutcome(file, null);
        using var locked = journals.LockEnvironment(home);
        return new SettingUndoOutcome(file, engine.Undo(home));
    }
}
