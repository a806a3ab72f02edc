using System.Text.RegularExpressions;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Display;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Policy;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// reinstall-binaries: the compiled files of some distributions cannot load here (built for another Python, another
/// CPU or OS, or a bundled library is gone), so they are reinstalled, same version, with the environment's own pip:
/// <c>bin/python -m pip install --force-reinstall --no-deps -- NAME==VERSION ...</c>, from whatever index or
/// find-links the user's pip is configured for. Which distributions: <c>distribution</c> (comma-separated; from the
/// suggestion). Names and versions come from the environment's metadata, so only valid PEP 508 names and PEP 440-shaped
/// versions reach the command line, after <c>--</c>; the others are listed in the plan as skipped, with why.
/// pip makes the install all-or-nothing itself (a failed install puts back the files it uninstalled); there is no
/// undo afterwards, because pip, not our journal, replaced the files.
/// </summary>
public sealed partial class ReinstallBinariesAction : IRepairAction, ILongRunningRepair
{
    private readonly IReadOnlyDictionary<string, string?>? processEnvironment;

    public ReinstallBinariesAction() { }

    /// <summary>Extra environment for pip (tests use it to give pip a local wheel folder).</summary>
    internal ReinstallBinariesAction(IReadOnlyDictionary<string, string?> processEnvironment) => this.processEnvironment = processEnvironment;

    public string Name => RepairActions.ReinstallBinaries;

    private sealed record Recipe(RepairPlan Plan, string Python, IReadOnlyList<string> Arguments);

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken) => Prepare(request, cancellationToken).Plan;

    private Recipe Prepare(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentPath));
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        var python = Path.Combine(env, "bin", "python");
        var installed = InstalledDistributions.Read(facts);
        var notes = new List<string>();
        var requirements = new List<string>();
        foreach (var name in (request.Distribution ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!DistributionName.IsValid(name)) { notes.Add($"skipped {Shown(name)}: not a valid distribution name"); continue; }
            var d = installed.FirstOrDefault(i => DistributionName.Same(i.Name, name));
            if (d is null) { notes.Add($"skipped {name}: it is not installed in this environment"); continue; }
            if (!DistributionName.IsValid(d.Name)) { notes.Add($"skipped {Shown(d.Name)}: its metadata names it with characters a distribution name cannot have"); continue; }
            if (!VersionShape().IsMatch(d.Version)) { notes.Add($"{d.Name}: its recorded version {Shown(d.Version)} is not a valid version, so the newest is installed"); requirements.Add(d.Name); continue; }
            requirements.Add($"{d.Name}=={d.Version}");
        }
        if (requirements.Count == 0)
            return new Recipe(new RepairPlan(env, Name, "No distribution to reinstall", [], notes), python, []);
        if (!File.Exists(python)) throw new RepairException($"{python} does not exist: this environment's pip cannot run. Recreate the environment instead.");
        string[] args = ["-m", "pip", "install", "--force-reinstall", "--no-deps", "--disable-pip-version-check", "--no-input", "--", .. requirements];
        var command = CopyableCommand.Of([python, .. args]); // shown to copy: quoted for the user's shell
        notes.Add("pip replaces the files itself (a failed install is rolled back by pip); this repair cannot be undone afterwards");
        var edit = new FileEdit(EditOperation.RunProgram, python, $"reinstall {string.Join(", ", requirements)} with this environment's pip") { After = command };
        var plan = new RepairPlan(env, Name, $"Reinstall {string.Join(", ", requirements)} with this environment's pip", [edit], notes);
        return new Recipe(plan, python, args);
    }

    public async Task<(RepairPlan Plan, ApplyResult Applied, IReadOnlyList<string> NotReinstalled)> RunAsync(RepairRequest request, IProgress<RepairProgress>? progress, CancellationToken cancellationToken)
    {
        var recipe = Prepare(request, cancellationToken);
        var env = recipe.Plan.EnvironmentPath;
        if (recipe.Arguments.Count == 0) return (recipe.Plan, new ApplyResult(env, Name, null, 0), []);
        progress?.Report(new RepairProgress(recipe.Plan.Title, 10));
        var pip = await ChildProcess.RunAsync(recipe.Python, recipe.Arguments, processEnvironment, cancellationToken).ConfigureAwait(false);
        if (pip.ExitCode != 0)
            throw new RepairException($"pip could not reinstall ({pip.ExitCode}): {LastError(pip.StdErr)}. Nothing was changed (pip rolls back a failed install).");
        progress?.Report(new RepairProgress("done", 100));
        return (recipe.Plan, new ApplyResult(env, Name, null, recipe.Plan.Edits.Count), []);
    }

    private static string LastError(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => l.StartsWith("ERROR", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "no output";
    }

    /// <summary>An untrusted value for a note: quoted, cut short, control characters escaped (<see cref="TerminalText"/>).</summary>
    private static string Shown(string value) => $"'{TerminalText.Escape(value.Length > 80 ? value[..80] : value)}'";


    // PEP 440's characters (a version pip would accept), nothing a shell or pip option could start with.
    [GeneratedRegex(@"^[0-9][A-Za-z0-9.+!_-]*$")]
    private static partial Regex VersionShape();
}
