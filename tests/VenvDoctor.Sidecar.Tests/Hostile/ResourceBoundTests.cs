using System.Diagnostics;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Hostile;

/// <summary>The harness's bound can fail: a process that passes it is caught from outside, and one that stays under is not.</summary>
public sealed class ResourceBoundTests
{
    private static Process Python(string code)
    {
        var info = new ProcessStartInfo(Pythons.Any!.Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(code);
        return Process.Start(info)!;
    }

    [PythonFact]
    public async Task A_process_that_passes_the_memory_bound_is_killed_and_fails()
    {
        // 300 MiB written (not merely reserved), then a long sleep the monitor must cut short.
        using var process = Python("b = b'x' * (300 << 20)\nimport time\ntime.sleep(60)");
        using var monitor = new ResourceMonitor(process, ResourceBound.Serve);

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var failure = Assert.Throws<Xunit.Sdk.XunitException>(monitor.AssertWithinBound);
        Assert.Contains("over the 256 MiB bound", failure.Message);
        Assert.True(monitor.PeakResidentBytes > 256L << 20, monitor.ToString());
    }

    [PythonFact]
    public async Task A_process_that_passes_the_time_bound_is_killed_and_fails()
    {
        using var process = Python("import time\ntime.sleep(60)");
        using var monitor = new ResourceMonitor(process, ResourceBound.Scan with { MaxWallTime = TimeSpan.FromSeconds(1) });

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var failure = Assert.Throws<Xunit.Sdk.XunitException>(monitor.AssertWithinBound);
        Assert.Contains("over the 1 s bound", failure.Message);
    }

    [PythonFact]
    public async Task A_small_quick_process_stays_within_and_its_peak_is_measured()
    {
        using var process = Python("b = b'x' * (20 << 20)\nimport time\ntime.sleep(0.5)");
        using var monitor = new ResourceMonitor(process, ResourceBound.Scan);

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        monitor.AssertWithinBound();
        Assert.InRange(monitor.PeakResidentBytes, 20L << 20, 256L << 20);
    }
}
