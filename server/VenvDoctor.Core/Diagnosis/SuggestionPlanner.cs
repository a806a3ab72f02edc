using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Diagnosis.Rules;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>
/// Turns findings into repair suggestions, best first (findings are visited most severe first, and the targeted
/// repair of each comes before the catch-all <c>recreate</c>). <c>data</c> names what the repair needs:
/// <c>from</c>/<c>to</c> for relocate and make-independent, <c>base</c> = an installed base's executable (from the
/// inventory) for relink-base, recreate, repoint-interpreter and regenerate-config, <c>home</c> for fix-home,
/// <c>distribution</c>/<c>recordedPath</c> (and <c>editableMode: strict</c> when only pip can fix it) for reinstall-editable,
/// <c>distribution</c> (comma-separated) and <c>command</c> for reinstall-binaries.
/// </summary>
public static class SuggestionPlanner
{
    public static IReadOnlyList<Suggestion> Plan(DiagnosisContext context, IReadOnlyList<Finding> findings)
    {
        var targeted = new List<Suggestion>();
        var recreate = new List<Suggestion>();
        void Add(List<Suggestion> list, string action, string title, Dictionary<string, string> data)
        {
            if (targeted.Concat(recreate).Any(s => s.Action == action && (action != RepairActions.ReinstallEditable || s.Data["distribution"] == data["distribution"]))) return;
            list.Add(new Suggestion(action, title, data));
        }
        var facts = context.Facts;
        var path = context.Candidate.Path;
        var recordedVersion = facts.Config?.Version ?? context.RecordedMinor;

        void Recreate(string? version)
        {
            var b = BaseChoice.SameMinorOrNewest(context.Interpreters, version);
            if (b is null) return;
            Add(recreate, RepairActions.Recreate, $"Recreate the environment with Python {b.Version} and reinstall its packages",
                new() { ["base"] = b.Executable, ["version"] = b.Version });
        }

        foreach (var f in findings.OrderByDescending(f => f.Severity))
        {
            switch (f.Code)
            {
                case FindingCodes.Moved:
                    Add(targeted, RepairActions.Relocate, $"Update the paths recorded for {f.Data["recordedPath"]} to {path}",
                        new() { ["from"] = f.Data["recordedPath"], ["to"] = path });
                    Recreate(recordedVersion);
                    break;
                case FindingCodes.Copied:
                    Add(targeted, RepairActions.MakeIndependent, $"Make this copy independent of {f.Data["recordedPath"]} (its scripts will run this environment)",
                        new() { ["from"] = f.Data["recordedPath"], ["to"] = path });
                    Recreate(recordedVersion);
                    break;
                case FindingCodes.BaseMissing:
                case FindingCodes.BaseVersionChanged:
                    if (BaseChoice.SameMinor(context.Interpreters, recordedVersion) is { } same)
                        Add(targeted, RepairActions.RelinkBase, $"Point the environment at the installed Python {same.Version} ({same.Executable})",
                            new() { ["base"] = same.Executable, ["version"] = same.Version });
                    Recreate(recordedVersion);
                    break;
                case FindingCodes.Inconsistent:
                    var configVersion = facts.Config?.Version;
                    if (BaseChoice.SameMinor(context.Interpreters, configVersion) is { } cfgBase)
                        Add(targeted, RepairActions.RelinkBase, $"Point every bin/python link at Python {cfgBase.Version}, as pyvenv.cfg says",
                            new() { ["base"] = cfgBase.Executable, ["version"] = cfgBase.Version });
                    Recreate(configVersion ?? recordedVersion);
                    break;
                case FindingCodes.ConfigMissing:
                case FindingCodes.ConfigInvalid:
                    var cfgData = new Dictionary<string, string>();
                    if (facts.Interpreter is { RealTarget: { } real, IsLink: true }) cfgData["base"] = real;
                    else if (BaseChoice.SameMinor(context.Interpreters, context.RecordedMinor ?? (facts.LibMinors.Count > 0 ? facts.LibMinors[0] : null)) is { } libBase)
                        cfgData["base"] = libBase.Executable;
                    if (cfgData.ContainsKey("base") || facts.Config?.Home is not null)
                        Add(targeted, RepairActions.RegenerateConfig, "Write a new pyvenv.cfg from what the interpreter link and lib/ folders say", cfgData);
                    Recreate(context.RecordedMinor ?? (facts.LibMinors.Count > 0 ? facts.LibMinors[0] : null));
                    break;
                case FindingCodes.HomeMissing:
                case FindingCodes.HomeRelative:
                    var home = facts.Interpreter is { IsLink: true, RealTarget: { } t } ? Path.GetDirectoryName(t) : null;
                    Add(targeted, RepairActions.FixHome, home is null ? "Set pyvenv.cfg's home to the base interpreter's folder" : $"Set pyvenv.cfg's home to {home}",
                        home is null ? new() : new() { ["home"] = home });
                    break;
                case FindingCodes.EditableStale:
                    var distribution = f.Data["distribution"];
                    // A strict install's link tree lives in the project, outside the environment: its records cannot
                    // be re-pointed, so say plainly that pip must reinstall it (the plan then only explains how).
                    var strict = findings.Any(g => g.Code == FindingCodes.EditableStale && g.Data["distribution"] == distribution
                        && g.Data.GetValueOrDefault(EditableStaleRule.EditableModeKey) == EditableStaleRule.StrictMode);
                    var editableData = new Dictionary<string, string> { ["distribution"] = distribution, ["recordedPath"] = f.Data["recordedPath"] };
                    if (strict) editableData[EditableStaleRule.EditableModeKey] = EditableStaleRule.StrictMode;
                    Add(targeted, RepairActions.ReinstallEditable, strict
                        ? $"Reinstall {distribution} with pip from the project's new folder (pip install -e <new project folder> --config-settings editable_mode=strict): its strict-mode link tree cannot be re-pointed"
                        : $"Reinstall the editable {distribution} from its new source folder", editableData);
                    break;
                case FindingCodes.ForeignPlatform:
                    Recreate(recordedVersion);
                    break;
                case FindingCodes.ForeignBinary:
                case FindingCodes.ExtensionAbiMismatch:
                case FindingCodes.LibraryMissing:
                    if (Native.NativeSuggestions.Reinstall(context, findings) is { } reinstall) Add(targeted, reinstall.Action, reinstall.Title, new(reinstall.Data));
                    if (f.Code != FindingCodes.LibraryMissing) Recreate(recordedVersion);
                    break;
            }
        }
        return [.. targeted, .. recreate];
    }
}
