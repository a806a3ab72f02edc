using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Sidecar.Protocol.Repair;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// <c>repair PATH</c>: applies the environment's first suggestion (or <c>--action</c>), journaled and undoable.
/// Exit 0 when the environment is healthy afterwards (or already was), 1 when the repair failed, was refused or it
/// is still not healthy (one line on stderr), 2 on usage errors, 3 on an unexpected error. <c>--dry-run</c> prints
/// the plan and changes nothing (it does not settle journals either).
/// </summary>
public static class RepairCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "The environment folder." };
        var action = new Option<string?>("--action") { Description = "relocate, make-independent, relink-base, recreate, regenerate-config, fix-home, reinstall-editable, repoint-interpreter, reinstall-binaries (default: the first suggestion)." };
        var basePython = new Option<string?>("--base") { Description = "Base interpreter to use (relink-base, recreate, regenerate-config, fix-home)." };
        var from = new Option<string?>("--from") { Description = "The old location to rewrite, when the files do not record it (relocate, make-independent)." };
        var source = new Option<string?>("--source") { Description = "The editable project's new folder (reinstall-editable)." };
        var workspaceFolder = new Option<string?>("--workspace-folder") { Description = "Folder whose .vscode/settings.json to edit (repoint-interpreter; default: the environment's parent)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan; change nothing." };
        var json = new Option<bool>("--json") { Description = "Print the plan or result as JSON on stdout." };
        var command = new Command("repair", "Repair an environment: plan, apply atomically (journaled), re-diagnose.")
        {
            path, action, basePython, from, source, workspaceFolder, dryRun, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = new RepairRequest(parsed.GetValue(path)!)
            {
                Action = parsed.GetValue(action),
                Base = parsed.GetValue(basePython),
                From = parsed.GetValue(from),
                Source = parsed.GetValue(source),
                WorkspaceFolder = parsed.GetValue(workspaceFolder),
            };
            using var services = RepairServices.Build();
            var repair = services.GetRequiredService<RepairService>();
            try
            {
                if (parsed.GetValue(dryRun))
                {
                    var plan = repair.Plan(request, cancellationToken);
                    if (parsed.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(RepairPlanWire.From(plan), RepairJsonContext.Default.RepairPlanWire));
                    else PrintPlan(plan);
                    return 0;
                }
                var outcome = await repair.ApplyAsync(request, new RepairServices.StderrProgress(), cancellationToken);
                RepairServices.ReportSettled(outcome.Settled);
                if (parsed.GetValue(json))
                {
                    var result = new ApplyRepairResult(outcome.Applied.EditsApplied > 0 || outcome.Applied.JournalId is not null, outcome.Applied.EnvironmentPath,
                        outcome.Applied.Action, outcome.Applied.JournalId, outcome.Applied.EditsApplied, RepairPlanWire.From(outcome.Plan), EnvironmentWire.From(outcome.Diagnosis))
                        { NotReinstalled = outcome.NotReinstalled.Count > 0 ? outcome.NotReinstalled : null, Journals = UndoRepairResult.JournalLines(outcome.Settled) };
                    Console.WriteLine(JsonSerializer.Serialize(result, RepairJsonContext.Default.ApplyRepairResult));
                }
                else
                {
                    Console.WriteLine($"{outcome.Plan.Title}: {outcome.Applied.EditsApplied} change(s) applied{(outcome.Applied.JournalId is { } id ? $" (journal {id}; 'venv-sidecar undo' reverts it)" : "")}.");
                    foreach (var note in outcome.Plan.Notes) Console.WriteLine($"  note: {note}");
                    foreach (var missing in outcome.NotReinstalled) Console.WriteLine($"  not reinstalled: {missing}");
                    Console.WriteLine($"Now: {WireNames.Of(outcome.Diagnosis.Health)}{string.Concat(outcome.Diagnosis.Findings.Select(f => $"\n  {f.Code}: {f.Message}"))}");
                }
                return outcome.Diagnosis.Health == Health.Ok ? 0 : 1;
            }
            catch (NothingToRepairException e)
            {
                Console.Error.WriteLine($"venv-sidecar: {e.Message}");
                return e.Message.Contains(" is healthy") ? 0 : 1;
            }
            catch (RepairException e)
            {
                Console.Error.WriteLine($"venv-sidecar: {e.Message}");
                return CliApp.Failed;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("venv-sidecar: cancelled; the environment is as it was.");
                return CliApp.Failed;
            }
        });
        return command;
    }

    private static void PrintPlan(RepairPlan plan)
    {
        Console.WriteLine($"{plan.Title} ({plan.Action}, dry run: nothing changed)");
        if (plan.IsEmpty) Console.WriteLine("  nothing to change");
        foreach (var e in plan.Edits)
        {
            Console.WriteLine($"  {FileEdit.WireName(e.Operation),-11} {e.Path}: {e.Description}");
            if (e.Before is { } b && b.Length < 2000) foreach (var line in b.Split('\n')) Console.WriteLine($"      - {line}");
            if (e.After is { } a && a.Length < 2000) foreach (var line in a.Split('\n')) Console.WriteLine($"      + {line}");
        }
        foreach (var note in plan.Notes) Console.WriteLine($"  note: {note}");
    }
}
