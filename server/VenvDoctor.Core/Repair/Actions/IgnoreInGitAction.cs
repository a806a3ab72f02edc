using System.Text;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Anatomy.Git;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// ignore-in-git: keeps an environment out of the git repository that holds it by writing, inside the environment,
/// the <c>.gitignore</c> holding <c>*</c> that CPython 3.13+ venv writes in every new one (or adding the line <c>*</c>
/// to a <c>.gitignore</c> already there). Nothing outside the environment is written: the repository's own
/// <c>.gitignore</c> is the user's (and a file shared with everyone who clones), and this file travels with the
/// environment if it moves. What is committed already stays tracked until the user runs the git command the plan's
/// note gives (git is never run here: the repository's configuration can run commands of its own).
/// </summary>
public sealed class IgnoreInGitAction : IRepairAction
{
    public string Name => RepairActions.IgnoreInGit;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentPath));
        var file = EnvironmentGitIgnore.PathIn(env);
        var notes = new List<string>();
        if (PathResolver.RealPath(env) is { } real && GitTracking.Of(real) is { Repository: { } repository, RelativePath: { } relative } tracking)
            notes.Add(tracking.State == TrackedState.Tracked
                ? $"Files already committed stay tracked until you untrack them (they stay on disk): {EnvironmentGitIgnore.UntrackCommand(repository, relative)}"
                : $"Untracked files of the environment will be ignored by the repository at {repository.WorkTree}.");
        var old = WorkspaceFile.Read(file, FileKind.GitFile);
        var title = $"Write {file} ignoring everything in the environment";
        if (old.Refusal == FileRefusal.Missing)
            return new RepairPlan(env, Name, title, [Create(file)], notes);
        if (!old.Ok) throw new RepairException($"{old.Message}: ignore-in-git edits only a regular .gitignore.");
        if (EnvironmentGitIgnore.HoldsIgnoreEverything(old.Text)) return new RepairPlan(env, Name, $"{file} already ignores everything", [], notes);
        var text = old.Text!;
        var after = text + (text.Length == 0 || text.EndsWith('\n') ? "" : "\n") + "*\n";
        var edit = new FileEdit(EditOperation.WriteFile, file, "add the line * (ignore everything in the environment)")
        {
            Before = text,
            After = after,
            NewContent = Encoding.UTF8.GetBytes(after),
        };
        return new RepairPlan(env, Name, $"Add * to {file}", [edit], notes);
    }

    private static FileEdit Create(string file) => new(EditOperation.CreateFile, file, "write a .gitignore holding * (as CPython 3.13+ venv does)")
    {
        After = EnvironmentGitIgnore.Content,
        NewContent = Encoding.UTF8.GetBytes(EnvironmentGitIgnore.Content),
        Mode = (UnixFileMode)0b110_100_100,
    };
}
