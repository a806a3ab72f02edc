namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// Real git repositories made by a test (running git here is the test's doing, in a repository it made). Every git
/// run of the test turns the repository's traps off for itself (<c>core.fsmonitor</c>, hooks) and ignores the
/// machine's and user's config, so a trap planted by <see cref="PlantTraps"/> fires only when something else runs git.
/// </summary>
public static class GitRepos
{
    private static readonly Lazy<string?> git = new(() =>
        Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, "git")).FirstOrDefault(File.Exists));

    public static string? Executable => git.Value;

    /// <summary>Runs git in <paramref name="workDir"/>; a failure fails the test.</summary>
    public static string Git(string workDir, params string[] args)
    {
        var r = Run.Process(Executable ?? throw new InvalidOperationException("git is not installed"),
            ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
             "-c", "protocol.file.allow=always", "-c", "init.defaultBranch=main", .. args],
            workDir, Quiet);
        if (r.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({r.ExitCode}): {r.StdErr}");
        return r.StdOut;
    }

    /// <summary>No system or global config: the machine's settings do not change what the test's git writes.</summary>
    private static readonly Dictionary<string, string?> Quiet = new() { ["GIT_CONFIG_NOSYSTEM"] = "1", ["GIT_CONFIG_GLOBAL"] = "/dev/null" };

    /// <summary>A repository at <paramref name="root"/> holding a file and a real venv at <paramref name="venv"/> (relative), all committed.</summary>
    public static string WithCommittedVenv(string root, string venv = ".venv")
    {
        Directory.CreateDirectory(root);
        Git(root, "init", "-q");
        File.WriteAllText(Path.Combine(root, "README"), "a project\n");
        var env = Path.Combine(root, venv);
        Directory.CreateDirectory(Path.GetDirectoryName(env)!);
        Venvs.Create(Pythons.Any!, env);
        // CPython 3.13+ writes a .gitignore holding * into a new venv: without it, the venv is one made before 3.13
        // (or by virtualenv, or uv), which nothing keeps out of git.
        File.Delete(Path.Combine(env, ".gitignore"));
        // -f: a venv made by CPython 3.13+ ignores itself (its .gitignore), and committing it anyway is the case here.
        Git(root, "add", "-f", "-A");
        Git(root, "commit", "-q", "-m", "with a venv");
        return env;
    }

    /// <summary>
    /// Makes the repository run a command that creates <paramref name="marker"/> whenever git runs in it: its
    /// <c>core.fsmonitor</c> (git runs it on status, add, diff…) and every client-side hook.
    /// </summary>
    public static void PlantTraps(string gitDir, string marker)
    {
        var touch = $"touch '{marker}'";
        File.AppendAllText(Path.Combine(gitDir, "config"), $"[core]\n\tfsmonitor = \"{touch} #\"\n");
        var hooks = Path.Combine(gitDir, "hooks");
        Directory.CreateDirectory(hooks);
        foreach (var hook in new[] { "pre-commit", "post-checkout", "post-index-change", "post-merge", "pre-push", "reference-transaction", "fsmonitor-watchman" })
        {
            var file = Path.Combine(hooks, hook);
            File.WriteAllText(file, $"#!/bin/sh\n{touch}\n");
            File.SetUnixFileMode(file, (UnixFileMode)0b111_101_101);
        }
    }

    /// <summary>Runs git as a user would, with the repository's own config and hooks live (to prove a planted trap works).</summary>
    public static Run.Result AsUser(string workDir, params string[] args) => Run.Process(Executable!, args, workDir, Quiet);
}

/// <summary>A [Fact] needing git and a Python that makes venvs; skipped with the reason otherwise.</summary>
public sealed class GitFactAttribute : FactAttribute
{
    public GitFactAttribute()
    {
        if (GitRepos.Executable is null) Skip = "git is not installed (apt-get install git)";
        else if (Pythons.Any is null) Skip = "No Python 3.8+ found on this machine (looked in $PYENV_ROOT/versions and /usr/bin)";
    }
}

/// <summary>A [Theory] needing git and a Python that makes venvs; skipped with the reason otherwise.</summary>
public sealed class GitTheoryAttribute : TheoryAttribute
{
    public GitTheoryAttribute()
    {
        if (GitRepos.Executable is null) Skip = "git is not installed (apt-get install git)";
        else if (Pythons.Any is null) Skip = "No Python 3.8+ found on this machine (looked in $PYENV_ROOT/versions and /usr/bin)";
    }
}
