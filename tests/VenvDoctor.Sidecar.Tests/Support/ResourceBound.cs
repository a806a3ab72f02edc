using System.Diagnostics;

namespace VenvDoctor.Sidecar.Tests.Support;

/// <summary>
/// The most a sidecar process may use, measured from outside: peak resident memory (the kernel's VmHWM of the real
/// process) and wall time. The bounds are docs/protocol.md §6's, per verb; the hostile suite runs every case under
/// them (<see cref="ResourceMonitor"/>).
/// </summary>
public sealed record ResourceBound(string Verb, long MaxResidentBytes, TimeSpan MaxWallTime)
{
    private const long MiB = 1024 * 1024;

    /// <summary><c>serve</c> on any folder: under 256 MiB resident for its whole life (wall time: the test's own timeouts).</summary>
    public static readonly ResourceBound Serve = new("serve", 256 * MiB, TimeSpan.FromMinutes(10));

    /// <summary><c>watch</c>: under 256 MiB; ready (or saying why) and stopped by SIGTERM within the test's waits.</summary>
    public static readonly ResourceBound Watch = new("watch", 256 * MiB, TimeSpan.FromMinutes(10));

    public static readonly ResourceBound Scan = new("scan", 256 * MiB, TimeSpan.FromSeconds(60));

    /// <summary>repair and undo: a recreate runs the base's venv (a child process, not counted) and so is given longer.</summary>
    public static readonly ResourceBound Repair = new("repair", 256 * MiB, TimeSpan.FromSeconds(120));

    /// <summary>The bound of a CLI verb (its first argument).</summary>
    public static ResourceBound ForVerb(string verb) => verb switch
    {
        "serve" => Serve,
        "watch" => Watch,
        "scan" => Scan,
        _ => Repair with { Verb = verb },
    };
}

/// <summary>
/// Watches one process against a <see cref="ResourceBound"/>: polls <c>/proc/PID/status</c> VmHWM (the peak, so a
/// poll missed between two samples loses nothing the kernel saw) every few milliseconds, and kills the process the
/// moment it passes a bound, so a runaway read fails its test quickly instead of exhausting the machine.
/// </summary>
public sealed class ResourceMonitor : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);
    private readonly Process process;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource done = new();
    private readonly Task polling;
    private long peak;

    public ResourceMonitor(Process process, ResourceBound bound)
    {
        this.process = process;
        Bound = bound;
        polling = Task.Run(PollAsync);
    }

    public ResourceBound Bound { get; }

    /// <summary>The highest VmHWM seen.</summary>
    public long PeakResidentBytes => Interlocked.Read(ref peak);

    /// <summary>Wall time from start to exit (or to now while it runs).</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Which bound was passed, or null.</summary>
    public string? Violation { get; private set; }

    /// <summary>Takes one more sample (call before stopping the process: its peak dies with it).</summary>
    public void Sample()
    {
        if (IsRunning() && ReadPeak(process.Id) is { } hwm && hwm > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, hwm);
        if (PeakResidentBytes > Bound.MaxResidentBytes)
            Fail($"its peak resident memory reached {PeakResidentBytes / (1024 * 1024)} MiB, over the {Bound.MaxResidentBytes / (1024 * 1024)} MiB bound");
        else if (Violation is null && clock.Elapsed > Bound.MaxWallTime)
            Fail($"it ran {clock.Elapsed.TotalSeconds:F0} s, over the {Bound.MaxWallTime.TotalSeconds:F0} s bound");
    }

    /// <summary>Fails the test when a bound was passed; says the figures.</summary>
    public void AssertWithinBound()
    {
        Sample();
        if (Violation is not null) throw new Xunit.Sdk.XunitException($"venv-sidecar {Bound.Verb} passed its resource bound: {Violation}.");
    }

    public override string ToString() => $"{Bound.Verb}: peak {PeakResidentBytes / 1024} KiB, {Elapsed.TotalMilliseconds:F0} ms";

    public void Dispose()
    {
        done.Cancel();
        polling.Wait(TimeSpan.FromSeconds(5));
        done.Dispose();
    }

    private async Task PollAsync()
    {
        while (!done.IsCancellationRequested)
        {
            if (!IsRunning())
            {
                clock.Stop();
                return;
            }
            Sample();
            try { await Task.Delay(Interval, done.Token); }
            catch (OperationCanceledException) { return; }
        }
    }

    private bool IsRunning()
    {
        try { return !process.HasExited; }
        catch (InvalidOperationException) { return false; } // disposed
    }

    private void Fail(string why)
    {
        if (Violation is not null) return;
        Violation = why;
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    /// <summary>VmHWM in bytes, or null once the process is gone.</summary>
    private static long? ReadPeak(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
