using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Sidecar.Hosting;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>The service provider the repair and undo verbs use: the same registrations as <c>serve</c>.</summary>
internal static class RepairServices
{
    public static ServiceProvider Build(SidecarComposition composition) =>
        new ServiceCollection().AddLogging().AddVenvDoctorServices(composition).BuildServiceProvider();

    /// <summary>One line on stderr per journal settled, or found and not replayed, before a repair or undo.</summary>
    public static void ReportSettled(IEnumerable<RecoveredJournal> settled)
    {
        foreach (var r in settled) TerminalWriter.Error.WriteLine($"venv-sidecar: {r.Describe()}");
    }

    /// <summary>Progress as one line per step on stderr (stdout stays for results and JSON).</summary>
    public sealed class StderrProgress : IProgress<RepairProgress>
    {
        public void Report(RepairProgress value)
        {
            if (value.Percentage is { } p) TerminalWriter.Error.WriteLine($"[{p,3}%] {value.Message}");
            else TerminalWriter.Error.WriteLine($"[    ] {value.Message}");
        }
    }
}
