using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Policy;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Repair;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// <c>undo PATH</c>: reverts the environment's last repair byte for byte, from a journal this user's tool wrote; PATH
/// may also be a settings file, whose last interpreter-setting edit is reverted.
/// Exit 0 when one was reverted, 1 when there was none or it was refused (one line on stderr), 3 on an unexpected error.
/// </summary>
public static class UndoCommand
{
    public static Command Create(SidecarComposition composition)
    {
        var path = new Argument<string>("PATH") { Description = "The environment folder, or a settings file (.vscode/settings.json, *.code-workspace) whose last interpreter-setting edit to revert." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var command = new Command("undo", "Revert the last repair of an environment.") { path, json };
        command.SetAction((parsed, cancellationToken) =>
        {
            using var services = RepairServices.Build(composition);
            try
            {
                var target = parsed.GetValue(path)!;
                if (WorkspaceSettings.IsSettingsPath(Path.GetFullPath(target)))
                    return Task.FromResult(UndoSetting(services.GetRequiredService<InterpreterSettingService>().Undo(target, null), parsed.GetValue(json)));
                var repair = services.GetRequiredService<RepairService>();
                var outcome = repair.Undo(target, null, new RepairServices.StderrProgress(), cancellationToken);
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

    /// <summary>A settings file's last edit reverted (or none): the same result shape, without a diagnosis.</summary>
    private static int UndoSetting(SettingUndoOutcome outcome, bool json)
    {
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(UndoRepairResult.From(outcome), RepairJsonContext.Default.UndoRepairResult));
        else if (outcome.Undone is { } u)
            TerminalWriter.Out.WriteLine($"Reverted the interpreter setting in {outcome.SettingsFile} ({u.PathsRestored} path(s) restored).");
        else
            TerminalWriter.Error.WriteLine($"venv-sidecar: {outcome.SettingsFile} has no setting edit to undo.");
        return outcome.Undone is null ? ExitCodes.Failed : ExitCodes.Done;
    }
}
