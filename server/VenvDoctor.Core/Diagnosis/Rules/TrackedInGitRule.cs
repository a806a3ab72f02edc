using VenvDoctor.Core.Anatomy.Git;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>tracked-in-git</c>: files of the environment are in the index of the git repository whose work tree holds it
/// (committed, or staged to be): an environment records absolute paths and compiled files for one machine, and a
/// clone elsewhere gets a broken copy. Read from git's index file (<see cref="GitTracking"/>); git is never run. Once
/// the environment's own <c>.gitignore</c> ignores it, the finding stays until the files are untracked, and says so.
/// An index that cannot be read gives an <c>info</c> finding saying it is unknown, and why: never a guess.
/// </summary>
public sealed class TrackedInGitRule : IDiagnosisRule
{
    public string Code => FindingCodes.TrackedInGit;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var tracking = GitTracking.Of(context.Facts.RealPath);
        if (tracking is { State: TrackedState.Unknown, Note: { } note })
        {
            var data = new Dictionary<string, string> { ["reason"] = note };
            if (tracking.Repository is { } repo) data["repository"] = repo.WorkTree;
            yield return new Finding(Code, Severity.Info, $"Whether this environment is committed to git is unknown: {note}.", data);
        }
        if (tracking is not { State: TrackedState.Tracked, Repository: { } repository, RelativePath: { } relative, TrackedPath: { } tracked }) yield break;
        var ignored = EnvironmentGitIgnore.IgnoresEverything(context.Facts.Path);
        var command = EnvironmentGitIgnore.UntrackCommand(repository, relative);
        var message = ignored
            ? $"git ignores this environment now (its .gitignore), but its files are still tracked in the repository at {repository.WorkTree} ({tracked} among them): untrack them, keeping them on disk, with {command}, then commit."
            : $"This environment's files are committed to the git repository at {repository.WorkTree} ({tracked} among them): an environment holds absolute paths and compiled files for this machine, so keep it out of source control (ignore it, then untrack it with {command})";
        yield return new Finding(Code, Severity.Warning, message.TrimEnd('.') + ".", new Dictionary<string, string>
        {
            ["repository"] = repository.WorkTree,
            ["path"] = relative,
            ["tracked"] = tracked,
            ["ignored"] = ignored ? "true" : "false",
            ["command"] = command,
        });
    }
}
