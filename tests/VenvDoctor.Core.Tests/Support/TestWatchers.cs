using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Watching;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>Watchers wired to the real discovery and a file-facts diagnoser, with test-friendly timings.</summary>
public static class TestWatchers
{
    public static WatchOptions FastOptions => new() { RescanInterval = TimeSpan.FromMilliseconds(300) };

    public static EnvironmentWatcher Create(WatchOptions? options = null, Func<IFileWatchBackend>? backend = null) =>
        new(new EnvironmentDiscovery(), new LinkFactsDiagnoser(), null, new ListLogger<EnvironmentWatcher>(), options ?? FastOptions, backend);
}

/// <summary>
/// A diagnoser that reads two facts only (is bin/python's target there; is the recorded location this folder), for
/// watcher tests that need a diagnosis to change when a base interpreter is removed or an environment is moved.
/// </summary>
public sealed class LinkFactsDiagnoser : IEnvironmentDiagnoser
{
    public PythonEnvironment Diagnose(EnvironmentCandidate candidate, IReadOnlyCollection<string> knownEnvironments,
        IReadOnlyList<BaseInterpreter> interpreters, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var python = Path.Combine(candidate.Path, "bin", "python");
        // A dangling link still "exists" to File.Exists: follow it to the end.
        var target = new FileInfo(python).ResolveLinkTarget(returnFinalTarget: true);
        if (!(target?.Exists ?? File.Exists(python)))
            findings.Add(new Finding(FindingCodes.BaseMissing, Severity.Error, "The base interpreter is gone.", new Dictionary<string, string> { ["file"] = python }));
        var identity = EnvironmentIdentity.Read(candidate.Path);
        if (identity.RecordedLocation is { } recorded && recorded != candidate.Path)
            findings.Add(new Finding(FindingCodes.Moved, Severity.Error, "Moved.", new Dictionary<string, string> { ["recordedPath"] = recorded }));
        return new PythonEnvironment
        {
            Path = candidate.Path, Kind = candidate.Kind, Home = identity.Home, Interpreter = python,
            Health = findings.Count == 0 ? Health.Ok : Health.Broken, Findings = findings,
        };
    }
}
