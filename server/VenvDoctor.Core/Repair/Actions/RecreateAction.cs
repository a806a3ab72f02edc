using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Display;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Repair.Policy;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// recreate: the environment cannot be mended in place (base of another minor, foreign platform, unusable copy).
/// Lists what is installed from the metadata files (the broken interpreter is never run), moves the old folder
/// aside (a hidden sibling), builds a fresh environment at the same path with the chosen base — same prompt, same
/// <c>include-system-site-packages</c> — and reinstalls with the new environment's pip, as the user's pip is
/// configured (index, find-links, wheels). Only when the new one runs is the swap committed; a failure or
/// cancellation puts the old one back. The old folder is kept for undo. The swap itself (journal, roll-back,
/// recovery, undo) is the engine's <see cref="RepairEngine.ApplyFolderSwapAsync"/>; this class only builds.
/// </summary>
public sealed class RecreateAction(RepairEngine engine) : IRepairAction, ILongRunningRepair
{
    private readonly IReadOnlyDictionary<string, string?>? processEnvironment;

    /// <summary>Extra environment for the programs run (tests use it to give pip a local wheel folder).</summary>
    internal RecreateAction(RepairEngine engine, IReadOnlyDictionary<string, string?> processEnvironment) : this(engine) =>
        this.processEnvironment = processEnvironment;

    public string Name => RepairActions.Recreate;

    private sealed record Recipe(RepairPlan Plan, string Environment, string BaseExecutable, IReadOnlyList<string> VenvArguments, IReadOnlyList<InstalledDistribution> Reinstall);

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken) => Prepare(request, "<id>", cancellationToken).Plan;

    private Recipe Prepare(RepairRequest request, string id, CancellationToken cancellationToken)
    {
        var env = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentPath));
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        var chosen = BaseResolution.Choose(request, facts, sameMinorOnly: false);
        var unread = new List<string>();
        var installed = InstalledDistributions.Read(facts, unread);
        // pip comes from the new base's ensurepip; reinstalling an old pip offline would usually fail for nothing.
        var candidates = installed.Where(d => !d.Name.Equals("pip", StringComparison.OrdinalIgnoreCase)).ToList();
        // Names and URLs come from files in the environment: only what passes the policy reaches pip's command line.
        var skipped = candidates.Select(d => (d, Problem: InstallRecordPolicy.Problem(d))).Where(x => x.Problem is not null).ToList();
        var reinstall = candidates.Except(skipped.Select(x => x.d)).ToList();
        var venvArgs = new List<string> { "-m", "venv" };
        if (facts.Config?.Get("prompt") is not null && facts.Config.Prompt is { } prompt) venvArgs.AddRange(["--prompt", prompt]);
        if (facts.Config?.IncludeSystemSitePackages == true) venvArgs.Add("--system-site-packages");
        venvArgs.Add(env);
        var aside = FolderSwap.AsideFor(env, id);
        var notes = new List<string>
        {
            $"create a new environment: {CopyableCommand.Of([chosen.Executable, .. venvArgs])}",
            reinstall.Count == 0 ? "no distributions to reinstall" : $"reinstall {reinstall.Count} distribution(s) with the new pip: {string.Join(", ", reinstall)}",
            $"the old environment is kept at {aside} (undo puts it back; delete it once satisfied)",
        };
        notes.AddRange(skipped.Select(x => $"skipped: not reinstalled because {x.Problem}"));
        notes.AddRange(unread.Select(u => $"skipped: not reinstalled because {u}"));
        var edits = new List<FileEdit>
        {
            new(EditOperation.RenameFolder, env, "keep the old environment aside") { Before = env, After = aside },
        };
        var title = $"Recreate the environment with Python {chosen.Version ?? chosen.Minor} ({chosen.Executable})";
        return new Recipe(new RepairPlan(env, Name, title, edits, notes), env, chosen.Executable, venvArgs, reinstall);
    }

    public async Task<(RepairPlan Plan, ApplyResult Applied, IReadOnlyList<string> NotReinstalled)> RunAsync(RepairRequest request, IProgress<RepairProgress>? progress, CancellationToken cancellationToken)
    {
        // The repair service settled interrupted journals before this runs (the engine checks again before the move).
        var id = RepairJournal.NewId();
        var recipe = Prepare(request, id, cancellationToken);
        var notReinstalled = new List<string>();
        progress?.Report(new RepairProgress("moving the old environment aside", 5));
        var applied = await engine.ApplyFolderSwapAsync(recipe.Plan, id, ct => Build(recipe, notReinstalled, progress, ct), cancellationToken).ConfigureAwait(false);
        progress?.Report(new RepairProgress("done", 100));
        return (recipe.Plan, applied, notReinstalled);
    }

    /// <summary>Makes the new environment at the (now empty) path and proves it runs; throwing rolls the swap back.</summary>
    private async Task Build(Recipe recipe, List<string> notReinstalled, IProgress<RepairProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new RepairProgress($"creating a new environment with {recipe.BaseExecutable}", 10));
        var venv = await ChildProcess.RunAsync(recipe.BaseExecutable, recipe.VenvArguments, processEnvironment, cancellationToken).ConfigureAwait(false);
        if (venv.ExitCode != 0) throw new RepairException($"{recipe.BaseExecutable} -m venv failed ({venv.ExitCode}): {Last(venv.StdErr)}");
        // The new environment's own interpreter (never the old one's): Scripts\python.exe where venv makes Windows venvs.
        var python = Platform.Host.IsWindows ? Path.Combine(recipe.Environment, "Scripts", "python.exe") : Path.Combine(recipe.Environment, "bin", "python");
        if (recipe.Reinstall.Count > 0)
        {
            progress?.Report(new RepairProgress($"reinstalling {recipe.Reinstall.Count} distribution(s)", 30));
            var all = await Pip(python, recipe.Reinstall, cancellationToken).ConfigureAwait(false);
            if (all.ExitCode != 0)
            {
                // One at a time, to say exactly which could not be reinstalled.
                for (var i = 0; i < recipe.Reinstall.Count; i++)
                {
                    var d = recipe.Reinstall[i];
                    progress?.Report(new RepairProgress($"reinstalling {d.Name}", 30 + 60 * i / recipe.Reinstall.Count));
                    var one = await Pip(python, [d], cancellationToken).ConfigureAwait(false);
                    if (one.ExitCode != 0) notReinstalled.Add($"{d}: {Last(one.StdErr)}");
                }
            }
        }
        progress?.Report(new RepairProgress("checking the new environment runs", 95));
        var check = await ChildProcess.RunAsync(python, ["-c", "import sys; print(sys.prefix)"], processEnvironment, cancellationToken).ConfigureAwait(false);
        if (check.ExitCode != 0) throw new RepairException($"The new environment's python does not run: {Last(check.StdErr)}");
    }

    /// <summary>
    /// pip install of validated distributions: editable folders as <c>-e PATH</c> (absolute, so never option-like),
    /// every other requirement after <c>--</c>, where pip's option parser stops reading options.
    /// </summary>
    private Task<ChildProcess.Result> Pip(string python, IReadOnlyList<InstalledDistribution> distributions, CancellationToken cancellationToken)
    {
        var editables = distributions.Where(d => d.IsLocalEditable).SelectMany(d => d.PipArguments);
        var requirements = distributions.Where(d => !d.IsLocalEditable).SelectMany(d => d.PipArguments);
        return ChildProcess.RunAsync(python, ["-m", "pip", "install", "--no-deps", "--disable-pip-version-check", "--no-input", .. editables, "--", .. requirements], processEnvironment, cancellationToken);
    }

    private static string Last(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => l.StartsWith("ERROR", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "no output";
    }

}
