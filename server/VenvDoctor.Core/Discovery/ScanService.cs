using System.Collections.Concurrent;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery;

/// <summary>
/// One scan: find every environment of the scope, then diagnose them in parallel, streaming each result as it is
/// ready. Discovery finishes before diagnosis starts, on purpose: telling a copy from a move needs every environment
/// of the scope known, and the walk is the cheap part.
/// </summary>
public sealed class ScanService(IEnvironmentDiscovery discovery, IEnvironmentDiagnoser diagnoser, IInterpreterInventory inventory,
    IInterpreterSettingsSource? settings = null) : IScanService
{
    public Task<ScanReport> ScanAsync(ScanRequest request, Action<PythonEnvironment>? onFound, CancellationToken cancellationToken) =>
        Task.Run(() => Scan(request, onFound, cancellationToken), cancellationToken);

    private ScanReport Scan(ScanRequest request, Action<PythonEnvironment>? onFound, CancellationToken cancellationToken)
    {
        var skipped = new ConcurrentQueue<SkippedPath>();
        var interpretersTask = Task.Run(() => inventory.List(cancellationToken), cancellationToken);
        var candidates = (request.Scope == ScanScope.Machine
                ? discovery.FindOnMachine(skipped.Enqueue, cancellationToken)
                : discovery.FindInWorkspace(request, skipped.Enqueue, cancellationToken))
            .ToList();
        var interpreters = interpretersTask.GetAwaiter().GetResult();
        var known = candidates.Select(c => c.RealPath).ToHashSet(StringComparer.Ordinal);

        var results = new PythonEnvironment?[candidates.Count];
        Parallel.For(0, candidates.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var environment = DiagnoseOne(candidates[i], known, interpreters, request.Probe, cancellationToken);
            results[i] = environment;
            onFound?.Invoke(environment);
        });

        var environments = results.OfType<PythonEnvironment>().OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        var settingsFound = settings is null || request.Scope == ScanScope.Machine
            ? []
            : settings.Check(request.Roots, environments, interpreters, cancellationToken);
        return new ScanReport(environments, settingsFound, interpreters,
            skipped.DistinctBy(s => s.Path).OrderBy(s => s.Path, StringComparer.Ordinal).ToList());
    }

    /// <summary>A diagnosis that fails on a file it cannot read still reports the environment, with the reason.</summary>
    private PythonEnvironment DiagnoseOne(EnvironmentCandidate candidate, IReadOnlyCollection<string> known,
        IReadOnlyList<BaseInterpreter> interpreters, bool probe, CancellationToken cancellationToken)
    {
        try
        {
            return diagnoser.Diagnose(candidate, known, interpreters, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PythonEnvironment
            {
                Path = candidate.Path,
                Kind = candidate.Kind,
                Manager = candidate.Manager,
                Health = Health.Warning,
                Findings = [new Finding("unreadable", Severity.Warning, $"Could not read this environment: {e.Message}",
                    new Dictionary<string, string> { ["path"] = candidate.Path })],
            };
        }
    }
}

/// <summary>The IDE interpreter settings of the workspace roots (.vscode/settings.json, *.code-workspace), checked.</summary>
public interface IInterpreterSettingsSource
{
    IReadOnlyList<InterpreterSetting> Check(IReadOnlyList<string> roots, IReadOnlyList<PythonEnvironment> environments,
        IReadOnlyList<BaseInterpreter> interpreters, CancellationToken cancellationToken);
}
