using System.Collections.Concurrent;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery;

/// <summary>
/// One scan: find every environment of the scope and diagnose each in parallel as soon as it is found, streaming
/// each result as it is ready; the inventory of installed Pythons is read at the same time.
/// </summary>
public sealed class ScanService(IEnvironmentDiscovery discovery, IEnvironmentDiagnoser diagnoser, IInterpreterInventory inventory,
    IInterpreterSettingsSource? settings = null) : IScanService
{
    public Task<ScanReport> ScanAsync(ScanRequest request, Action<PythonEnvironment>? onFound, CancellationToken cancellationToken) =>
        Task.Run(() => Scan(request, onFound, cancellationToken), cancellationToken);

    public async Task<PythonEnvironment?> DiagnoseAsync(string path, bool probe, CancellationToken cancellationToken)
    {
        var candidate = await Task.Run(() => discovery.Identify(path), cancellationToken);
        if (candidate is null) return null;
        var interpreters = await Task.Run(() => inventory.List(cancellationToken), cancellationToken);
        return await DiagnoseOneAsync(candidate, [candidate.RealPath], interpreters, probe, cancellationToken);
    }

    private async Task<ScanReport> Scan(ScanRequest request, Action<PythonEnvironment>? onFound, CancellationToken cancellationToken)
    {
        var skipped = new ConcurrentQueue<SkippedPath>();
        var interpretersTask = Task.Run(() => inventory.List(cancellationToken), cancellationToken);
        var diagnoses = new ConcurrentQueue<Task<PythonEnvironment>>();
        using var gate = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount));

        // Each environment is diagnosed as soon as the walk finds it, while the walk goes on. A diagnosis needs no
        // list of the others: whether a recorded location is another environment (copied, not moved) is read from
        // the disk there (DiagnosisContext.IsEnvironment).
        async Task<PythonEnvironment> Diagnose(EnvironmentCandidate candidate)
        {
            var interpreters = await interpretersTask;
            await gate.WaitAsync(cancellationToken);
            try
            {
                var environment = await DiagnoseOneAsync(candidate, [], interpreters, request.Probe, cancellationToken);
                onFound?.Invoke(environment);
                return environment;
            }
            finally { gate.Release(); }
        }

        if (request.Scope == ScanScope.Machine)
            foreach (var candidate in discovery.FindOnMachine(skipped.Enqueue, cancellationToken))
                diagnoses.Enqueue(Diagnose(candidate));
        else
            discovery.WalkWorkspace(request, c => diagnoses.Enqueue(Diagnose(c)), skipped.Enqueue, cancellationToken);

        var interpreters = await interpretersTask;
        var environments = (await Task.WhenAll(diagnoses)).OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        var settingsFound = settings is null || request.Scope == ScanScope.Machine
            ? []
            : settings.Check(request.Roots, environments, interpreters, cancellationToken);
        return new ScanReport(environments, settingsFound, interpreters,
            skipped.DistinctBy(s => s.Path).OrderBy(s => s.Path, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// How long one diagnosis may take. Reading a file can block for ever (a FIFO named like a script or pyvenv.cfg
    /// has no writer; a hung network mount): past this, the environment is reported as unreadable and the scan goes on.
    /// </summary>
    public TimeSpan DiagnosisDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A diagnosis that fails on a file it cannot read, or never returns, still reports the environment, with the reason.</summary>
    private async Task<PythonEnvironment> DiagnoseOneAsync(EnvironmentCandidate candidate, IReadOnlyCollection<string> known,
        IReadOnlyList<BaseInterpreter> interpreters, bool probe, CancellationToken cancellationToken)
    {
        // The probe runs an interpreter with its own timeout: give it that time on top.
        var deadline = probe ? DiagnosisDeadline + InterpreterProbe.Timeout : DiagnosisDeadline;
        try
        {
            return await DiagnoseOnOwnThread(candidate, known, interpreters, new DiagnosisOptions(Probe: probe), cancellationToken)
                .WaitAsync(deadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            return Unreadable(candidate, $"diagnosis did not finish within {deadline.TotalSeconds:0} s (a file that blocks when read, such as a FIFO?)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(candidate, e.Message);
        }
    }

    /// <summary>
    /// Each diagnosis on a thread of its own, not the thread pool's: a read that never returns then costs one idle
    /// thread, instead of starving the pool that the rest of the scan (and the RPC server) runs on.
    /// </summary>
    private Task<PythonEnvironment> DiagnoseOnOwnThread(EnvironmentCandidate candidate, IReadOnlyCollection<string> known,
        IReadOnlyList<BaseInterpreter> interpreters, DiagnosisOptions options, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<PythonEnvironment>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { done.SetResult(diagnoser.Diagnose(candidate, known, interpreters, options, cancellationToken)); }
            catch (Exception e) { done.SetException(e); }
        }) { IsBackground = true, Name = "diagnose" };
        thread.Start();
        return done.Task;
    }

    private static PythonEnvironment Unreadable(EnvironmentCandidate candidate, string reason) => new()
    {
        Path = candidate.Path,
        Kind = candidate.Kind,
        Manager = candidate.Manager,
        Health = Health.Warning,
        Findings = [new Finding(FindingCodes.Unreadable, Severity.Warning, $"Could not read this environment: {reason}",
            new Dictionary<string, string> { ["path"] = candidate.Path, ["reason"] = reason })],
    };
}

/// <summary>The IDE interpreter settings of the workspace roots (.vscode/settings.json, *.code-workspace), checked.</summary>
public interface IInterpreterSettingsSource
{
    IReadOnlyList<InterpreterSetting> Check(IReadOnlyList<string> roots, IReadOnlyList<PythonEnvironment> environments,
        IReadOnlyList<BaseInterpreter> interpreters, CancellationToken cancellationToken);
}
