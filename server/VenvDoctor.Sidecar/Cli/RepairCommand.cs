using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Display;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Repair;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// <c>repair PATH</c>: applies the environment's first suggestion (or <c>--action</c>), journaled and undoable.
/// Several PATHs: each repaired on its own (<see cref="FleetRepair"/>).
/// Exit 0 when the environment is healthy afterwards (or already was), 1 when the repair failed, was refused or it
/// is still not healthy (one line on stderr), 2 on usage errors, 3 on an unexpected error. <c>--dry-run</c> prints
/// the plan and changes nothing (it does not settle journals either).
/// </summary>
public static class RepairCommand
{
    public static Command Create(SidecarComposition composition)
    {
        var options = new RepairOptions();
        var command = new Command("repair", "Repair an environment: plan, apply atomically (journaled), re-diagnose.")
        {
            options.Paths, options.Action, options.Base, options.From, options.Source, options.WorkspaceFolder, options.DryRun, options.Json,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var requests = options.Requests(parsed);
            var dryRun = parsed.GetValue(options.DryRun);
            var json = parsed.GetValue(options.Json);
            if (requests.Count == 1) return RunAsync(composition, requests[0], dryRun, json, cancellationToken);
            if (requests.Any(r => r.From is not null || r.Source is not null || r.WorkspaceFolder is not null))
            {
                TerminalWriter.Error.WriteLine($"venv-sidecar repair: {FleetRepair.OneEnvironmentOptions}");
                return Task.FromResult(ExitCodes.UsageError);
            }
            return RunSeveralAsync(composition, requests, dryRun, json, cancellationToken);
        });
        return command;
    }

    /// <summary>The command line's arguments, kept together so parsing them into a request reads beside their declarations.</summary>
    private sealed class RepairOptions
    {
        public readonly Argument<string[]> Paths = new("PATH") { Description = "The environment folder (several: each repaired on its own, one line each).", Arity = ArgumentArity.OneOrMore };
        public readonly Option<string?> Action = new("--action") { Description = "relocate, make-independent, relink-base, restore-interpreter-links, recreate, regenerate-config, fix-home, reinstall-editable, repoint-interpreter, reinstall-binaries, ignore-in-git, make-relocatable (default: the first suggestion of a broken or warning environment)." };
        public readonly Option<string?> Base = new("--base") { Description = "Base interpreter to use (relink-base, recreate, regenerate-config, fix-home)." };
        public readonly Option<string?> From = new("--from") { Description = "The old location to rewrite, when the files do not record it (relocate, make-independent)." };
        public readonly Option<string?> Source = new("--source") { Description = "The editable project's new folder (reinstall-editable)." };
        public readonly Option<string?> WorkspaceFolder = new("--workspace-folder") { Description = "Folder whose .vscode/settings.json to edit (repoint-interpreter; default: the environment's parent)." };
        public readonly Option<bool> DryRun = new("--dry-run") { Description = "Print the plan; change nothing." };
        public readonly Option<bool> Json = new("--json") { Description = "Print the plan or result as JSON on stdout." };

        public IReadOnlyList<RepairRequest> Requests(ParseResult parsed) =>
            parsed.GetValue(Paths)!.Distinct(StringComparer.Ordinal).Select(path => Request(parsed, path)).ToList();

        private RepairRequest Request(ParseResult parsed, string path) => new(path)
        {
            Action = parsed.GetValue(Action),
            Base = parsed.GetValue(Base),
            From = parsed.GetValue(From),
            Source = parsed.GetValue(Source),
            WorkspaceFolder = parsed.GetValue(WorkspaceFolder),
        };
    }

    /// <summary>The exit code is the contract (see the class summary); every expected failure is one line on stderr.</summary>
    private static async Task<int> RunAsync(SidecarComposition composition, RepairRequest request, bool dryRun, bool json, CancellationToken cancellationToken)
    {
        using var services = RepairServices.Build(composition);
        var repair = services.GetRequiredService<RepairService>();
        try
        {
            if (dryRun)
            {
                var plan = repair.Plan(request, cancellationToken);
                if (json) Console.WriteLine(JsonSerializer.Serialize(RepairPlanWire.From(plan), RepairJsonContext.Default.RepairPlanWire));
                else PrintPlan(plan);
                return ExitCodes.Done;
            }
            var outcome = await repair.ApplyAsync(request, new RepairServices.StderrProgress(), cancellationToken);
            RepairServices.ReportSettled(outcome.Settled);
            if (json) Console.WriteLine(JsonSerializer.Serialize(ApplyRepairResult.From(outcome), RepairJsonContext.Default.ApplyRepairResult));
            else PrintOutcome(outcome);
            return outcome.Diagnosis.Health == Health.Ok ? ExitCodes.Done : ExitCodes.Failed;
        }
        catch (Exception e) when (Failures.Of(e) is { } failure)
        {
            TerminalWriter.Error.WriteLine($"venv-sidecar: {failure.Message}");
            return failure.ExitCode;
        }
    }

    /// <summary>Several environments: each plan printed (dry run), or each repaired on its own.</summary>
    private static async Task<int> RunSeveralAsync(SidecarComposition composition, IReadOnlyList<RepairRequest> requests, bool dryRun, bool json, CancellationToken cancellationToken)
    {
        if (!dryRun)
        {
            using var services = RepairServices.Build(composition);
            return await FleetRepair.RunAsync(services.GetRequiredService<RepairService>(), requests, json, cancellationToken);
        }
        var exit = ExitCodes.Done;
        foreach (var request in requests)
            exit = Math.Max(exit, await RunAsync(composition, request, dryRun: true, json, cancellationToken));
        return exit;
    }

    /// <summary>The result in text (every value escaped for the terminal: <see cref="TerminalWriter"/>).</summary>
    private static void PrintOutcome(RepairOutcome outcome)
    {
        var output = TerminalWriter.Out;
        if (outcome.Applied.JournalId is { } id)
            output.WriteLine($"{outcome.Plan.Title}: {outcome.Applied.EditsApplied} change(s) applied (journal {id}; to revert it: {CopyableCommand.Of("venv-sidecar", "undo", outcome.Plan.EnvironmentPath)}).");
        else
            output.WriteLine($"{outcome.Plan.Title}: {outcome.Applied.EditsApplied} change(s) applied.");
        foreach (var note in outcome.Plan.Notes) output.WriteLine($"  note: {note}");
        foreach (var missing in outcome.NotReinstalled) output.WriteLine($"  not reinstalled: {missing}");
        PrintLeft(outcome.Plan);
        output.WriteLine($"Now: {WireNames.Of(outcome.Diagnosis.Health)}");
        foreach (var f in outcome.Diagnosis.Findings) output.WriteLine($"  {f.Code}: {f.Message}");
    }

    /// <summary>
    /// The plan in text: each edit with its lines before and after, one printed line per line of the file (split
    /// on newlines, so a file's own lines stay lines); every value escaped for the terminal.
    /// </summary>
    private static void PrintPlan(RepairPlan plan)
    {
        var output = TerminalWriter.Out;
        output.WriteLine($"{plan.Title} ({plan.Action}, dry run: nothing changed)");
        if (plan.IsEmpty) output.WriteLine($"  nothing to change");
        foreach (var e in plan.Edits)
        {
            output.WriteLine($"  {FileEdit.WireName(e.Operation),-11} {e.Path}: {e.Description}");
            if (e.Before is { } b && b.Length < 2000) foreach (var line in b.Split('\n')) output.WriteLine($"      - {line}");
            if (e.After is { } a && a.Length < 2000) foreach (var line in a.Split('\n')) output.WriteLine($"      + {line}");
        }
        foreach (var note in plan.Notes) output.WriteLine($"  note: {note}");
        PrintLeft(plan);
    }

    /// <summary>Every file the repair leaves as it was, with the reason: "Now: ok" is believable only beside this list.</summary>
    private static void PrintLeft(RepairPlan plan)
    {
        if (plan.Left.Count == 0) return;
        var output = TerminalWriter.Out;
        output.WriteLine($"Left as it was ({plan.Left.Count} file{(plan.Left.Count == 1 ? "" : "s")}):");
        foreach (var left in plan.Left) output.WriteLine($"  {left.Path}: {left.Reason}");
    }
}
