using System.Diagnostics;

namespace VenvDoctor.Core.Repair;

/// <summary>
/// Test seam for crash safety: stops the engine dead after the Nth write of a phase (<c>apply</c> or
/// <c>undo</c>), as a kill would. In-process tests pass a seam that throws <see cref="StopDead"/> (which the
/// engine deliberately does not catch, so nothing is rolled back); the real process honours
/// <c>VENV_DOCTOR_TEST_KILL_AT=apply:3</c> by sending itself SIGKILL. Write 0 is "journal saved, nothing changed";
/// write N+1 of apply is "committed".
/// </summary>
public sealed class RepairFaultSeam(string? phase, int at, bool killProcess)
{
    public sealed class StopDead(string where) : Exception($"stopped dead at {where} (test seam)");

    public static RepairFaultSeam None { get; } = new(null, -1, false);

    public static RepairFaultSeam FromEnvironment()
    {
        var spec = Environment.GetEnvironmentVariable("VENV_DOCTOR_TEST_KILL_AT");
        if (string.IsNullOrEmpty(spec)) return None;
        var parts = spec.Split(':');
        return parts.Length == 2 && int.TryParse(parts[1], out var n) ? new RepairFaultSeam(parts[0], n, killProcess: true) : None;
    }

    public static RepairFaultSeam StopAt(string phase, int writes) => new(phase, writes, killProcess: false);

    internal void After(string currentPhase, int writes)
    {
        if (phase != currentPhase || writes != at) return;
        if (killProcess)
        {
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill(); // SIGKILL: no finally blocks, no flushing, like a real crash.
        }
        throw new StopDead($"{currentPhase}:{writes}");
    }
}
