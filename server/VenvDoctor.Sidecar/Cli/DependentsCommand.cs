using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Discovery.Dependents;
using VenvDoctor.Core.Model;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Discovery;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// <c>venv-sidecar dependents PYTHON [PATH...] [--json]</c>: the environments built on a base install, in each PATH
/// and the machine's locations (<see cref="DependentsService"/>). The exit code is a guard for removing that base:
/// 0 when none depends on it, 1 when some do, 2 on errors (no such Python, a PATH that is not a folder, an unreadable
/// location; anything unexpected is 3, as for every verb), so
/// <c>venv-sidecar dependents 3.12.1 &amp;&amp; pyenv uninstall 3.12.1</c> removes it only when nothing breaks.
/// </summary>
public static class DependentsCommand
{
    public static Command Create(SidecarComposition composition)
    {
        var python = new Argument<string>("PYTHON") { Description = "The base: an interpreter path, its install folder, or a pyenv version name" };
        var paths = new Argument<string[]>("PATH") { Description = "Folders to search besides the machine's locations (default: none)", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (venv/dependents's result)" };
        var command = new Command("dependents", "List the environments built on a base Python (exit 1 when there are some)") { python, paths, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var roots = result.GetValue(paths) ?? [];
            foreach (var root in roots)
                if (!Directory.Exists(root)) return Usage($"no such folder: {root}");
            await using var services = new ServiceCollection().AddVenvDoctorServices(composition, oneShot: true).BuildServiceProvider();
            DependentsReport report;
            try
            {
                report = await services.GetRequiredService<DependentsService>()
                    .FindAsync(result.GetValue(python)!, roots.Select(Core.Anatomy.Paths.Full).ToList(), null, cancellationToken);
            }
            catch (UnknownBaseException e)
            {
                return Usage(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Any error is 2, never 1 ("some depend on it") nor 0: the guard must not let the removal run.
                return Usage(e.Message.ReplaceLineEndings(" "));
            }
            if (result.GetValue(json)) WriteJson(report);
            else WriteText(report);
            return report.Environments.Count > 0 ? ExitCodes.Failed : ExitCodes.Done;
        });
        return command;
    }

    private static void WriteJson(DependentsReport report)
    {
        using var stdout = Console.OpenStandardOutput();
        JsonSerializer.Serialize(stdout, DiscoveryWire.ToWire(report), DiscoveryJsonContext.Indented.DependentsResult);
        stdout.Write("\n"u8);
    }

    /// <summary>One line for the base, then one per environment (path, kind, version, health); every value escaped.</summary>
    private static void WriteText(DependentsReport report)
    {
        var output = TerminalWriter.Out;
        var which = report.Base.Minor is { } minor ? $"Python {minor} in {report.Base.RealPrefix}" : $"the Pythons in {report.Base.RealPrefix}";
        if (report.Environments.Count == 0)
        {
            output.WriteLine($"No environment is built on {which} ({report.Base.Version}).");
            return;
        }
        output.WriteLine($"{report.Environments.Count} environment(s) built on {which} ({report.Base.Version}):");
        foreach (var e in report.Environments)
            output.WriteLine($"  {e.Path}  {WireNames.Of(e.Kind)} {e.Version ?? "?"} {WireNames.Of(e.Health)}{(e.Manager is { } m ? $" ({m})" : "")}");
    }

    private static int Usage(string message)
    {
        TerminalWriter.Error.WriteLine($"venv-sidecar dependents: {message}");
        return ExitCodes.UsageError;
    }
}
