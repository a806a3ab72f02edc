using System.Diagnostics;

namespace VenvDoctor.Core.Repair;

/// <summary>
/// Test seam for crash safety: stops the engine dead after the Nth write of a phase (<c>apply</c> or
/// <c>undo</c>), as a kill would. In-process tests pass a seam that throws <see cref="StopDead"/> (which the
/// engine deliberately does not catch, so nothing is rolled back); the test host (tests/VenvDoctor.Sidecar.TestHost)
/// registers one that sends its own process SIGKILL. The shipped executable never makes one. Write 0 is "journal
/// saved, nothing changed"; write N+1 of apply is "committed".
/// </summary>
public sealed class RepairFaultSeam(string? phase, int at, bool killProcess)
{
    public sealed class StopDead(string where) : Exception($"stopped dead at {where} (test seam)");

    public static RepairFaultSeam None { get; } = new(null, -1, false);

    /// <summary>A seam that kills the process (SIGKILL) after the given write, as a crash would.</summary>
    public static RepairFaultSeam KillAt(string phase, int writes) => new(phase, writes, killProcess: true);

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
