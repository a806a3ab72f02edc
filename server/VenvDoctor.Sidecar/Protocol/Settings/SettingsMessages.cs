using VenvDoctor.Core.Repair;
using VenvDoctor.Sidecar.Protocol.Repair;

namespace VenvDoctor.Sidecar.Protocol.Settings;

/// <summary>
/// <c>venv/setInterpreterSetting</c> params: the settings file (a declared workspace root's
/// <c>.vscode/settings.json</c>, or the <c>*.code-workspace</c> the client has open) and the interpreter to name.
/// <c>userChosen</c>: the user picked the file, so it need not be at a declared root.
/// </summary>
public sealed record SetInterpreterSettingParams(string File, string Interpreter)
{
    public bool UserChosen { get; init; }
}

/// <summary><c>venv/setInterpreterSetting</c>'s result: the plan of the one edit and the journal undo reverts (null when nothing changed).</summary>
public sealed record SetInterpreterSettingResult(bool Applied, string File, string? JournalId, RepairPlanWire Plan)
{
    public static SetInterpreterSettingResult From(SettingEditOutcome outcome) =>
        new(outcome.Applied.JournalId is not null, outcome.SettingsFile, outcome.Applied.JournalId, RepairPlanWire.From(outcome.Plan));
}

/// <summary><c>venv/expandSetting</c> params: a setting's value as VS Code hands it and the workspace folder it is for.</summary>
public sealed record ExpandSettingParams(string Value, string Folder);

/// <summary><c>venv/expandSetting</c>'s result: the absolute path the value names (Core <c>Settings/SettingVariables</c>).</summary>
public sealed record ExpandSettingResult(string Value, string Folder, string Expanded);
