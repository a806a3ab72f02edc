using System.Diagnostics;
using VenvDoctor.Core.Repair;

namespace VenvDoctor.Sidecar.TestHost;

/// <summary>
/// A crash at one write of a repair (<see cref="IRepairFaults"/>): this process sends itself SIGKILL there, so no
/// finally block runs and nothing is flushed, as in a real crash. The process tests then show the next repair or
/// undo settles what was left. Chosen by <c>VENV_DOCTOR_TEST_KILL_AT=apply:3</c> (or <c>undo:N</c>).
/// </summary>
internal sealed class KillAt(string phase, int writes) : IRepairFaults
{
    public const string EnvironmentVariable = "VENV_DOCTOR_TEST_KILL_AT";

    public static KillAt? FromEnvironment()
    {
        var spec = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(spec)) return null;
        var parts = spec.Split(':');
        return parts.Length == 2 && int.TryParse(parts[1], out var n)
            ? new KillAt(parts[0], n)
            : throw new ArgumentException($"{EnvironmentVariable} must look like apply:3 or undo:1, not '{spec}'");
    }

    public void After(string currentPhase, int currentWrites)
    {
        if (currentPhase != phase || currentWrites != writes) return;
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();
        throw new RepairStoppedDeadException($"{currentPhase}:{currentWrites}"); // never continue, should the signal lag
    }
}
