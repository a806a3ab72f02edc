using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Diagnosis.Rules;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>
/// Turns findings into repair suggestions, best first (findings are visited most severe first, and the targeted
/// repair of each comes before the catch-all <c>recreate</c>). <c>data</c> names what the repair needs:
/// <c>from</c>/<c>to</c> for relocate and make-independent, <c>base</c> = an installed base's executable (from the
/// inventory, or the stable path base-versioned-folder found) for relink-base, recreate, repoint-interpreter and regenerate-config, <c>home</c> for fix-home,
/// <c>distribution</c>/<c>recordedPath</c> (and <c>editableMode: strict</c> when only pip can fix it) for reinstall-editable,
/// <c>distribution</c> (comma-separated) and <c>command</c> for reinstall-binaries, <c>names</c> (comma-separated) and
/// <c>interpreter</c> for restore-interpreter-links, <c>gitignore</c> (the file it writes) and <c>command</c> (the git
/// command that untracks what is committed, for the user to run) for ignore-in-git.
/// </summary>
/// <remarks>
/// Planning sits after the rules rather than in them: one rule sees one finding, while the order of suggestions and
/// which repair to offer once for several findings are decisions over all of them.
/// </remarks>
public static class SuggestionPlanner
{
    public static IReadOnlyList<Suggestion> Plan(DiagnosisContext context, IReadOnlyList<Finding> findings)
    {
        var plan = new PlanBuilder(context, findings);
        foreach (var finding in findings.OrderByDescending(f => f.Severity)) plan.AddFor(finding);
        // Prevention comes only where nothing needs repair: a healthy venv that a move would break is offered make-relocatable.
        if (findings.All(f => f.Severity == Severity.Info)) plan.AddMakeRelocatableIfMovable();
        return plan.BestFirst();
    }

    /// <summary>The suggestions for one environment, gathered finding by finding; each repair is offered once.</summary>
    private sealed class PlanBuilder(DiagnosisContext context, IReadOnlyList<Finding> findings)
    {
        private readonly List<Suggestion> targeted = [];
        private readonly List<Suggestion> recreate = [];

        private EnvironmentFacts Facts => context.Facts;
        private string EnvironmentPath => context.Candidate.Path;
        private string? RecordedVersion => Facts.Config?.Version ?? context.RecordedMinor;
        /// <summary>Without a readable pyvenv.cfg, the lib/pythonX.Y folder is the best witness of the version.</summary>
        private string? VersionWithoutConfig => context.RecordedMinor ?? (Facts.LibMinors.Count > 0 ? Facts.LibMinors[0] : null);

        public IReadOnlyList<Suggestion> BestFirst() => [.. targeted, .. recreate];

        public void AddFor(Finding finding)
        {
            switch (finding.Code)
            {
                case FindingCodes.Moved:
                    AddRelocate(finding);
                    AddRecreate(RecordedVersion);
                    break;
                case FindingCodes.Copied:
                    AddMakeIndependent(finding);
                    AddRecreate(RecordedVersion);
                    break;
                case FindingCodes.BaseMissing:
                case FindingCodes.BaseVersionChanged:
                    AddRelinkBase(RecordedVersion, b => $"Point the environment at the installed Python {b.Version} ({b.Executable})");
                    AddRecreate(RecordedVersion);
                    break;
                case FindingCodes.BaseVersionedFolder:
                    AddRelinkToStable(finding);
                    if (finding.Severity == Severity.Error) AddRecreate(RecordedVersion);
                    break;
                case FindingCodes.InterpreterLinkMissing:
                    AddRestoreInterpreterLinks(finding);
                    break;
                case FindingCodes.Inconsistent:
                    var configVersion = Facts.Config?.Version;
                    AddRelinkBase(configVersion, b => $"Point every bin/python link at Python {b.Version}, as pyvenv.cfg says");
                    AddRecreate(configVersion ?? RecordedVersion);
                    break;
                case FindingCodes.ConfigMissing:
                case FindingCodes.ConfigInvalid:
                    AddRegenerateConfig();
                    AddRecreate(VersionWithoutConfig);
                    break;
                case FindingCodes.HomeMissing:
                case FindingCodes.HomeRelative:
                    AddFixHome();
                    break;
                case FindingCodes.EditableStale:
                    AddReinstallEditable(finding);
                    break;
                case FindingCodes.ForeignPlatform:
                    AddRecreate(RecordedVersion);
                    break;
                case FindingCodes.TrackedInGit:
                    AddIgnoreInGit(finding);
                    break;
                case FindingCodes.ScriptNotRelocatable:
                    AddMakeRelocatable($"Make the {finding.Data["count"]} script(s) pip installed later relative to the environment again");
                    break;
                case FindingCodes.ForeignBinary:
                case FindingCodes.ExtensionAbiMismatch:
                case FindingCodes.LibraryMissing:
                    AddReinstallBinaries();
                    // A missing library is usually the system's: a new environment would lack it just the same.
                    if (finding.Code != FindingCodes.LibraryMissing) AddRecreate(RecordedVersion);
                    break;
            }
        }

        private void AddRelocate(Finding finding)
        {
            var from = finding.Data["recordedPath"];
            Add(targeted, RepairActions.Relocate, $"Update the paths recorded for {from} to {EnvironmentPath}",
                new() { ["from"] = from, ["to"] = EnvironmentPath });
        }

        private void AddMakeIndependent(Finding finding)
        {
            var from = finding.Data["recordedPath"];
            Add(targeted, RepairActions.MakeIndependent, $"Make this copy independent of {from} (its scripts will run this environment)",
                new() { ["from"] = from, ["to"] = EnvironmentPath });
        }

        /// <summary>
        /// A POSIX venv (venv, virtualenv, uv) whose files still record where it lives: an activation script with a
        /// path, a console script naming its interpreter absolutely, or pyvenv.cfg without <c>relocatable = true</c>.
        /// </summary>
        public void AddMakeRelocatableIfMovable()
        {
            if (Facts.Layout != EnvironmentLayout.Posix || Facts.Config is null) return;
            if (context.Candidate.Kind is not (EnvironmentKind.Venv or EnvironmentKind.Virtualenv or EnvironmentKind.Uv)) return;
            var records = Facts.ActivationScripts.Any(a => a.Paths.Count > 0) || Facts.ConsoleScripts.Any(s => s.Interpreter is { } p
                && RecordedLocations.LocationOfInterpreter(p.Value) is { } location && context.IsSelf(location));
            if (records || !Facts.Config.Relocatable)
                AddMakeRelocatable("Make it relocatable: activation and console scripts find the environment wherever it is moved");
        }

        private void AddMakeRelocatable(string title) => Add(targeted, RepairActions.MakeRelocatable, title, new());

        /// <summary>Only for a POSIX layout: Windows launchers are copies a repair cannot make (recreate can).</summary>
        private void AddRestoreInterpreterLinks(Finding finding)
        {
            if (Facts.Layout != EnvironmentLayout.Posix) return;
            var names = (finding.Data.GetValueOrDefault("missing") ?? finding.Data["names"]).Replace(",", ", ");
            // Short: clients show the title as a button (the plan says where each link leads).
            Add(targeted, RepairActions.RestoreInterpreterLinks, $"Restore {names} in bin/",
                new() { ["names"] = finding.Data["names"], ["interpreter"] = finding.Data["interpreter"] });
        }

        /// <summary>Offered only when a base of the same X.Y is installed: another minor would break compiled packages.</summary>
        private void AddRelinkBase(string? version, Func<BaseInterpreter, string> title)
        {
            if (BaseChoice.SameMinor(context.Interpreters, version) is not { } same) return;
            Add(targeted, RepairActions.RelinkBase, title(same), new() { ["base"] = same.Executable, ["version"] = same.Version });
        }

        /// <summary>The stable path of the same minor that the rule found (Homebrew's opt/, the Store's alias folder), when it did.</summary>
        private void AddRelinkToStable(Finding finding)
        {
            if (finding.Data.GetValueOrDefault("stable") is not { } stable) return;
            Add(targeted, RepairActions.RelinkBase, $"Point the environment at {stable} (Python {finding.Data["minor"]}), which updates keep",
                new() { ["base"] = stable, ["version"] = finding.Data["minor"] });
        }

        /// <summary>The base comes from the interpreter link when it still resolves, else from the lib/ folder's X.Y.</summary>
        private void AddRegenerateConfig()
        {
            var data = new Dictionary<string, string>();
            if (Facts.Interpreter is { RealTarget: { } real, IsLink: true }) data["base"] = real;
            else if (BaseChoice.SameMinor(context.Interpreters, VersionWithoutConfig) is { } libBase) data["base"] = libBase.Executable;
            if (data.ContainsKey("base") || Facts.Config?.Home is not null)
                Add(targeted, RepairActions.RegenerateConfig, "Write a new pyvenv.cfg from what the interpreter link and lib/ folders say", data);
        }

        private void AddFixHome()
        {
            var home = Facts.Interpreter is { IsLink: true, RealTarget: { } target } ? Path.GetDirectoryName(target) : null;
            Add(targeted, RepairActions.FixHome, home is null ? "Set pyvenv.cfg's home to the base interpreter's folder" : $"Set pyvenv.cfg's home to {home}",
                home is null ? new() : new() { ["home"] = home });
        }

        private void AddReinstallEditable(Finding finding)
        {
            var distribution = finding.Data["distribution"];
            // A strict install's link tree lives in the project, outside the environment: its records cannot
            // be re-pointed, so say plainly that pip must reinstall it (the plan then only explains how).
            var strict = findings.Any(g => g.Code == FindingCodes.EditableStale && g.Data["distribution"] == distribution
                && g.Data.GetValueOrDefault(EditableStaleRule.EditableModeKey) == EditableStaleRule.StrictMode);
            var data = new Dictionary<string, string> { ["distribution"] = distribution, ["recordedPath"] = finding.Data["recordedPath"] };
            if (strict) data[EditableStaleRule.EditableModeKey] = EditableStaleRule.StrictMode;
            Add(targeted, RepairActions.ReinstallEditable, strict
                ? $"Reinstall {distribution} with pip from the project's new folder (pip install -e <new project folder> --config-settings editable_mode=strict): its strict-mode link tree cannot be re-pointed"
                : $"Reinstall the editable {distribution} from its new source folder", data);
        }

        /// <summary>
        /// Offered while the environment is not ignored yet (an info finding, an index that could not be read, has no
        /// command). Once ignored, only the user can untrack: the finding's own <c>command</c> says how.
        /// </summary>
        private void AddIgnoreInGit(Finding finding)
        {
            if (finding.Severity != Severity.Warning || finding.Data.GetValueOrDefault("ignored") != "false") return;
            Add(targeted, RepairActions.IgnoreInGit, "Keep this environment out of git (a .gitignore inside it), then untrack its files",
                new() { ["gitignore"] = Anatomy.Git.EnvironmentGitIgnore.PathIn(EnvironmentPath), ["command"] = finding.Data["command"] });
        }

        /// <summary>One suggestion covers every native finding: the distributions to reinstall are gathered from all of them.</summary>
        private void AddReinstallBinaries()
        {
            if (Native.NativeSuggestions.Reinstall(context, findings) is { } reinstall) Add(targeted, reinstall.Action, reinstall.Title, new(reinstall.Data));
        }

        private void AddRecreate(string? version)
        {
            var chosen = BaseChoice.SameMinorOrNewest(context.Interpreters, version);
            if (chosen is null) return;
            Add(recreate, RepairActions.Recreate, $"Recreate the environment with Python {chosen.Version} and reinstall its packages",
                new() { ["base"] = chosen.Executable, ["version"] = chosen.Version });
        }

        /// <summary>Each action once, except reinstall-editable, which is offered once per distribution.</summary>
        private void Add(List<Suggestion> list, string action, string title, Dictionary<string, string> data)
        {
            var offered = targeted.Concat(recreate).Any(s => s.Action == action
                && (action != RepairActions.ReinstallEditable || s.Data["distribution"] == data["distribution"]));
            if (!offered) list.Add(new Suggestion(action, title, data));
        }
    }
}
