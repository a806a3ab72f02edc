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

    /// <summary>Identifies one folder (for venv/diagnose and the watcher); null when it is not an environment.</summary>
    EnvironmentCandidate? Identify(string path);
}
