using System.Text.Json;
using VenvDoctor.Core.Display;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Repair;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// <c>repair PATH PATH... [--action A] [--base PY]</c>: each environment repaired on its own, in the order given, as if
/// by one <c>repair PATH</c> each (its own lock, journal and undo), so one environment's failure leaves the others'
/// results standing. One summary line each, then a total. Exit 0 when every environment is healthy afterwards, 1 when
/// any failed, was refused, stayed unhealthy or was not reached (Ctrl+C), 3 when one failed unexpectedly.
/// <c>--from</c>, <c>--source</c> and <c>--workspace-folder</c> name one environment's places and are refused here.
/// </summary>
internal static class FleetRepair
{
    public const string OneEnvironmentOptions = "--from, --source and --workspace-folder name one environment's places: give one PATH with them";

    public static async Task<int> RunAsync(RepairService repair, IReadOnlyList<RepairRequest> requests, bool json, CancellationToken cancellationToken)
    {
        var entries = new List<FleetRepairEntry>();
        var unexpected = false;
        foreach (var request in requests)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                entries.Add(new(request.EnvironmentPath, "cancelled", null, "not attempted: cancelled"));
                continue;
            }
            TerminalWriter.Error.WriteLine($"venv-sidecar: repairing {request.EnvironmentPath}");
            var (entry, wasUnexpected) = await RepairOneAsync(repair, request, cancellationToken);
            unexpected |= wasUnexpected;
            entries.Add(entry);
            if (!json) PrintLine(entry);
        }
        if (json) Console.WriteLine(JsonSerializer.Serialize(new FleetRepairResult(entries), RepairJsonContext.Default.FleetRepairResult));
        else PrintTotal(entries);
        if (unexpected) return ExitCodes.Unexpected;
        return entries.All(e => e.Outcome == "repaired") ? ExitCodes.Done : ExitCodes.Failed;
    }

    /// <summary>Every failure of one environment stays that environment's: the loop goes on with the next.</summary>
    private static async Task<(FleetRepairEntry Entry, bool Unexpected)> RepairOneAsync(RepairService repair, RepairRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await repair.ApplyAsync(request, new RepairServices.StderrProgress(), cancellationToken);
            RepairServices.ReportSettled(outcome.Settled);
            var healthy = outcome.Diagnosis.Health == Health.Ok;
            return (new(request.EnvironmentPath, healthy ? "repaired" : "not-healthy", ApplyRepairResult.From(outcome), null), false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (new(request.EnvironmentPath, "cancelled", null, Failures.Of(new OperationCanceledException())!.Message), false);
        }
        catch (Exception e) when (Failures.Of(e) is { } failure)
        {
            // Nothing to repair in a healthy environment is success for the CLI (as with one PATH).
            var outcome = failure.ExitCode == ExitCodes.Done ? "repaired" : "failed";
            return (new(request.EnvironmentPath, outcome, null, failure.Message), false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (new(request.EnvironmentPath, "failed", null, $"unexpected error: {e.Message.ReplaceLineEndings(" ")}"), true);
        }
    }

    /// <summary>One line per environment: what happened, and how to undo it when something was applied.</summary>
    private static void PrintLine(FleetRepairEntry entry)
    {
        var output = TerminalWriter.Out;
        if (entry.Result is not { } result)
        {
            output.WriteLine($"{entry.Outcome,-11} {entry.Path}: {entry.Error ?? ""}");
            return;
        }
        var undo = result.JournalId is null ? "" : $"; undo: {CopyableCommand.Of("venv-sidecar", "undo", entry.Path)}";
        var findings = string.Join(", ", result.Diagnosis.Findings.Select(f => f.Code));
        var now = result.Diagnosis.Health == "ok" ? "now ok" : $"now {result.Diagnosis.Health}: {findings}";
        output.WriteLine($"{entry.Outcome,-11} {entry.Path}: {result.Plan.Title}, {result.EditsApplied} change(s), {now}{undo}");
    }

    private static void PrintTotal(IReadOnlyList<FleetRepairEntry> entries)
    {
        var repaired = entries.Count(e => e.Outcome == "repaired");
        TerminalWriter.Out.WriteLine($"{repaired} of {entries.Count} environment(s) repaired.");
    }
}
