using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Support;

/// <summary>The real <c>venv-sidecar watch</c> process: its stdout lines as they come, waited on with timeouts.</summary>
public sealed class WatchProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder stderr = new();
    private readonly ResourceMonitor? monitor;

    private WatchProcess(Process process, ResourceBound? bound)
    {
        this.process = process;
        monitor = bound is null ? null : new ResourceMonitor(process, bound);
        process.OutputDataReceived += (_, e) => { if (e.Data is null) lines.Writer.TryComplete(); else lines.Writer.TryWrite(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string StdErr { get { lock (stderr) return stderr.ToString(); } }

    public static WatchProcess Start(params string[] args) => Start(args, null, null);

    /// <summary>Starts <c>watch</c> with extra environment variables, under a <paramref name="bound"/> checked when stopped and disposed.</summary>
    public static WatchProcess Start(IEnumerable<string> args, IDictionary<string, string?>? environment, ResourceBound? bound)
    {
        var info = SidecarProcess.StartInfo(["watch", .. args]);
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) info.Environment[k] = v;
        return new WatchProcess(Process.Start(info) ?? throw new InvalidOperationException("venv-sidecar did not start"), bound);
    }

    /// <summary>The process's use against its bound, when started with one.</summary>
    public ResourceMonitor? Resources => monitor;

    public async Task<string> NextLineAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? SidecarProcess.DefaultTimeout);
        try { return await lines.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"no line from watch in time; stderr:\n{StdErr}"); }
        catch (ChannelClosedException) { throw new InvalidOperationException($"watch ended (exit {process.ExitCode}); stderr:\n{StdErr}"); }
    }

    public async Task<JsonElement> NextEventAsync(TimeSpan? timeout = null)
    {
        var line = await NextLineAsync(timeout);
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>Sends a signal (2 = SIGINT, 15 = SIGTERM) and returns the exit code; fails when it has not exited within <paramref name="timeout"/>.</summary>
    public async Task<int> StopAsync(int signal, TimeSpan? timeout = null)
    {
        monitor?.Sample();
        Run.Checked("kill", $"-{signal}", process.Id.ToString());
        using var cts = new CancellationTokenSource(timeout ?? SidecarProcess.DefaultTimeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"watch did not exit within {timeout ?? SidecarProcess.DefaultTimeout} of signal {signal}; stderr:\n{StdErr}"); }
        return process.ExitCode;
    }

    /// <summary>Lines printed after the last one read (the process has exited).</summary>
    public async Task<List<string>> RestAsync()
    {
        var rest = new List<string>();
        await foreach (var l in lines.Reader.ReadAllAsync()) rest.Add(l);
        return rest;
    }

    public ValueTask DisposeAsync()
    {
        monitor?.Sample();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
        monitor?.Dispose();
        monitor?.AssertWithinBound();
        return ValueTask.CompletedTask;
    }
}
