using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery;

/// <summary>Finds environments without diagnosing them. Never runs anything it finds.</summary>
public interface IEnvironmentDiscovery
{
    /// <summary>
    /// Walks the request's roots and reports each environment once, at the path the user sees, as soon as the walk
    /// finds it. The callbacks come from the walk's threads, concurrently.
    /// </summary>
    void WalkWorkspace(ScanRequest request, Action<EnvironmentCandidate> onFound, Action<SkippedPath> onSkipped, CancellationToken cancellationToken);

    /// <summary>Walks the request's roots; returns each environment once, at the path the user sees. Thread-safe callbacks.</summary>
    IEnumerable<EnvironmentCandidate> FindInWorkspace(ScanRequest request, Action<SkippedPath> onSkipped, CancellationToken cancellationToken)
    {
        var found = new List<EnvironmentCandidate>();
        WalkWorkspace(request, c => { lock (found) found.Add(c); }, onSkipped, cancellationToken);
        return found;
    }

    /// <summary>Environments outside the workspace: WORKON_HOME, pipenv, poetry, hatch, pyenv(-virtualenv), conda, uv.</summary>
    IEnumerable<EnvironmentCandidate> FindOnMachine(Action<SkippedPath> onSkipped, CancellationToken cancellationToken);

    /// <summary>
    /// Identifies one folder by the locators (their order decides the kind) and the machine's tool folders (the
    /// manager): for venv/diagnose, the watcher and re-diagnosis after a repair. Null when it is not an environment.
    /// </summary>
    EnvironmentCandidate? Identify(string path);

    /// <summary>
    /// <see cref="Identify"/> for a folder the caller already treats as an environment (a repair target, a folder
    /// named for diagnosis): a folder no locator recognises (a <c>bin/</c> with no <c>lib/</c>) is diagnosed as the
    /// shape it has, venv-shaped, rather than refused.
    /// </summary>
    EnvironmentCandidate IdentifyAsEnvironment(string path)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        return Identify(full) ?? new EnvironmentCandidate(full, Anatomy.PathResolver.RealPath(full) ?? full, EnvironmentKind.VenvShaped, "venv-shaped", null);
    }
}
