using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Repair;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// <c>undo PATH</c>: reverts the environment's last repair byte for byte, from a journal this user's tool wrote.
/// Exit 0 when one was reverted, 1 when there was none or it was refused (one line on stderr), 3 on an unexpected error.
/// </summary>
public static class UndoCommand
{
    public static Command Create(SidecarComposition composition)
    {
        var path = new Argument<string>("PATH") { Description = "The environment folder." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var command = new Command("undo", "Revert the last repair of an environment.") { path, json };
        command.SetAction((parsed, cancellationToken) =>
        {
            using var services = RepairServices.Build(composition);
            var repair = services.GetRequiredService<RepairService>();
            try
            {
                var outcome = repair.Undo(parsed.GetValue(path)!, null, new RepairServices.StderrProgress(), cancellationToken);
                RepairServices.ReportSettled(outcome.Settled);
                if (parsed.GetValue(json))
                    Console.WriteLine(JsonSerializer.Serialize(UndoRepairResult.From(outcome), RepairJsonContext.Default.UndoRepairResult));
                else if (outcome.Undone is { } u)
                    TerminalWriter.Out.WriteLine($"Reverted {u.Action} ({u.PathsRestored} path(s) restored). Now: {WireNames.Of(outcome.Diagnosis.Health)}");
                else
                    TerminalWriter.Error.WriteLine($"venv-sidecar: {outcome.Diagnosis.Path} has no repair to undo.");
                return Task.FromResult(outcome.Undone is null ? ExitCodes.Failed : ExitCodes.Done);
            }
            catch (Exception e) when (Failures.Of(e) is { } failure)
            {
                TerminalWriter.Error.WriteLine($"venv-sidecar: {failure.Message}");
                return Task.FromResult(failure.ExitCode);
            }
        });
        return command;
    }
}
