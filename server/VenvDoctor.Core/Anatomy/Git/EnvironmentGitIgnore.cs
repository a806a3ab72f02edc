using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Display;

namespace VenvDoctor.Core.Anatomy.Git;

/// <summary>
/// The <c>.gitignore</c> inside an environment that keeps it out of git — what CPython's venv writes in every new
/// environment since 3.13 (a file holding <c>*</c>, which ignores the folder's every file, itself included) — and the
/// command that untracks what is already committed. The rule that reports a tracked environment and the repair that
/// writes the file both ask here, so they agree on what "ignored" means.
/// </summary>
public static class EnvironmentGitIgnore
{
    /// <summary>What ignore-in-git writes into a new file (CPython 3.13's two lines, naming who wrote it).</summary>
    public const string Content = "# Created by venv-sidecar (ignore-in-git), as CPython 3.13+ venv does: ignore everything here\n*\n";

    public static string PathIn(string environment) => Path.Combine(environment, ".gitignore");

    /// <summary>True when the environment's own <c>.gitignore</c> holds a line <c>*</c> (git then ignores every untracked file in it).</summary>
    public static bool IgnoresEverything(string environment) => HoldsIgnoreEverything(WorkspaceFile.Read(PathIn(environment), FileKind.GitFile).Text);

    /// <summary>True when this <c>.gitignore</c> text has the line <c>*</c>.</summary>
    public static bool HoldsIgnoreEverything(string? gitignore) =>
        gitignore is not null && gitignore.Split('\n').Any(line => line.TrimEnd('\r', ' ', '\t') == "*");

    /// <summary>
    /// <c>git -C ROOT rm -r --cached -- PATH</c>: removes the folder's files from the index (the next commit deletes them
    /// from the repository), keeping them on disk. <c>-C</c> makes it run from the work tree's root wherever it is pasted.
    /// </summary>
    public static string UntrackCommand(GitRepository repository, string relativePath) =>
        CopyableCommand.Of("git", "-C", repository.WorkTree, "rm", "-r", "--cached", "--", relativePath);
}
