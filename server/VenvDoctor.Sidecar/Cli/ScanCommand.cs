using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Model;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Discovery;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// <c>venv-sidecar scan PATH... [--json] [--max-depth N] [--exclude GLOB]... [--probe]</c>: finds and diagnoses the
/// environments under each PATH (default: the current folder). Exit 0 when none is broken, 1 when one is, 2 on usage
/// errors. The --json document is <c>venv/list</c>'s result (<see cref="ScanResultDto"/>).
/// </summary>
public static class ScanCommand
{
    public static Command Create(SidecarComposition composition)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Folders to scan (default: the current folder)", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of a table" };
        var maxDepth = new Option<int?>("--max-depth") { Description = "How deep to look below each PATH (default: unlimited)" };
        var exclude = new Option<string[]>("--exclude") { Description = "Skip folders matching this glob (repeatable)", AllowMultipleArgumentsPerToken = false };
        var probe = new Option<bool>("--probe") { Description = "Also run each broken environment's interpreter (short timeout) to confirm" };
        var command = new Command("scan", "Find and diagnose Python environments") { paths, json, maxDepth, exclude, probe };
        command.SetAction(async (result, cancellationToken) =>
        {
            var roots = result.GetValue(paths) is { Length: > 0 } given ? given : ["."];
            var depth = result.GetValue(maxDepth);
            if (depth < 0) return Usage("--max-depth must be 0 or more");
            foreach (var root in roots)
                if (!Directory.Exists(root)) return Usage($"no such folder: {root}");
            var request = new ScanRequest
            {
                Roots = roots.Select(AsUserSees).ToList(),
                MaxDepth = depth,
                ExcludeGlobs = result.GetValue(exclude) ?? [],
                Probe = result.GetValue(probe),
            };
            await using var services = new ServiceCollection().AddVenvDoctorServices(composition, oneShot: true).BuildServiceProvider();
            var report = await services.GetRequiredService<IScanService>().ScanAsync(request, null, cancellationToken);
            if (result.GetValue(json))
                WriteJson(report);
            else
                ScanTable.Write(Console.Out, report, UseColour());
            return report.Environments.Any(e => e.Health == Health.Broken) ? 1 : 0;
        });
        return command;
    }

    /// <summary>Absolute, but through the links the user typed (not resolved): the path the user sees.</summary>
    private static string AsUserSees(string path) => Core.Anatomy.Paths.Full(path);

    /// <summary>Synchronously: one document to a pipe needs no async machinery, whose first use costs a CLI run ~10 ms.</summary>
    private static void WriteJson(ScanReport report)
    {
        using var stdout = Console.OpenStandardOutput();
        JsonSerializer.Serialize(stdout, DiscoveryWire.ToWire(report), DiscoveryJsonContext.Indented.ScanResultDto);
        stdout.Write("\n"u8);
    }

    private static bool UseColour() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    private static int Usage(string message)
    {
        TerminalWriter.Error.WriteLine($"venv-sidecar scan: {message}");
        return ExitCodes.UsageError;
    }
}
