using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Git;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Anatomy.Git;

/// <summary>
/// git's index read directly, on repositories real git made (index versions 2, 3 and 4, a split index, a sparse index,
/// a linked worktree, a submodule) with a real venv committed, and the finding and suggestion the diagnosis makes of it.
/// </summary>
public sealed class GitTrackingTests
{
    private static string Real(string path) => PathResolver.RealPath(path)!;

    private static Finding? TrackedFinding(string env) =>
        new EnvironmentDiagnoser().Diagnose(env).Findings.SingleOrDefault(f => f.Code == FindingCodes.TrackedInGit);

    [GitTheory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_committed_venv_is_found_in_each_index_version_and_an_untracked_one_is_not(int version)
    {
        using var tmp = new TempDir();
        var root = tmp.Combine("repo");
        var env = GitRepos.WithCommittedVenv(root);
        var untracked = Venvs.Create(Pythons.Any!, Path.Combine(root, "tools", "untracked-env"));
        GitRepos.Git(root, "update-index", "--index-version", version.ToString());
        // v3 is written only when an entry needs extended flags: mark one intent-to-add, as `git add -N` does.
        if (version == 3)
        {
            File.WriteAllText(Path.Combine(root, "later.txt"), "x\n");
            GitRepos.Git(root, "add", "-N", "later.txt");
        }
        Assert.Equal(version, IndexVersion(Path.Combine(root, ".git", "index")));

        var tracking = GitTracking.Of(Real(env));
        Assert.Equal(TrackedState.Tracked, tracking.State);
        Assert.StartsWith(".venv/", tracking.TrackedPath);
        Assert.Contains(tracking.TrackedPath, GitRepos.Git(root, "ls-files", "--", ".venv").Split('\n'));
        Assert.Equal(TrackedState.NotTracked, GitTracking.Of(Real(untracked)).State);

        var finding = TrackedFinding(env)!;
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal($"git -C {Real(root)} rm -r --cached -- .venv", finding.Data["command"]);
        Assert.Equal("false", finding.Data["ignored"]);
        Assert.Null(TrackedFinding(untracked));
        var suggestion = new EnvironmentDiagnoser().Diagnose(env).Suggestions.Single(s => s.Action == RepairActions.IgnoreInGit);
        Assert.Equal(finding.Data["command"], suggestion.Data["command"]);
    }

    [GitFact]
    public void A_sha256_repository_is_read_with_its_longer_object_ids()
    {
        using var tmp = new TempDir();
        var root = tmp.Combine("repo");
        Directory.CreateDirectory(root);
        GitRepos.Git(root, "init", "-q", "--object-format=sha256");
        var env = Venvs.Create(Pythons.Any!, Path.Combine(root, "env"));
        File.Delete(Path.Combine(env, ".gitignore"));
        GitRepos.Git(root, "add", "-f", "-A");
        GitRepos.Git(root, "update-index", "--index-version", "4");
        var tracking = GitTracking.Of(Real(env));
        Assert.Equal(GitRepository.Sha256Size, tracking.Repository!.HashSize);
        Assert.Equal(TrackedState.Tracked, tracking.State);
        Assert.Contains(tracking.TrackedPath, GitRepos.Git(root, "ls-files", "--", "env").Split('\n'));
    }

    [GitFact]
    public void A_split_index_reads_its_shared_index_and_honours_its_deletions()
    {
        using var tmp = new TempDir();
        var root = tmp.Combine("repo");
        var env = GitRepos.WithCommittedVenv(root);
        GitRepos.Git(root, "update-index", "--split-index");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(root, ".git"), "sharedindex.*"));
        Assert.Equal(TrackedState.Tracked, GitTracking.Of(Real(env)).State);

        GitRepos.Git(root, "rm", "-r", "-q", "--cached", "--", ".venv");
        Assert.Empty(GitRepos.Git(root, "ls-files", "--", ".venv").Trim());
        Assert.Equal(TrackedState.NotTracked, GitTracking.Of(Real(env)).State);

        GitRepos.Git(root, "add", "-f", ".venv/pyvenv.cfg");
        var again = GitTracking.Of(Real(env));
        Assert.Equal((TrackedState.Tracked, ".venv/pyvenv.cfg"), (again.State, again.TrackedPath));
    }

    [GitFact]
    public void A_sparse_index_answers_inside_its_cone_and_says_unknown_for_a_folded_folder()
    {
        using var tmp = new TempDir();
        var root = tmp.Combine("repo");
        var inCone = GitRepos.WithCommittedVenv(root, "app/.venv");
        Directory.CreateDirectory(Path.Combine(root, "lib"));
        File.WriteAllText(Path.Combine(root, "lib", "code.py"), "pass\n");
        GitRepos.Git(root, "add", "lib");
        GitRepos.Git(root, "commit", "-q", "-m", "lib");
        GitRepos.Git(root, "sparse-checkout", "init", "--cone", "--sparse-index");
        GitRepos.Git(root, "sparse-checkout", "set", "app");
        Assert.Contains(GitRepos.Git(root, "ls-files", "--sparse").Split('\n'), l => l == "lib/");

        Assert.Equal(TrackedState.Tracked, GitTracking.Of(Real(inCone)).State);
        var folded = Venvs.Create(Pythons.Any!, Path.Combine(root, "lib", ".venv"));
        var unknown = GitTracking.Of(Real(folded));
        Assert.Equal(TrackedState.Unknown, unknown.State);
        Assert.Contains("lib/", unknown.Note);
        Assert.Equal(Severity.Info, TrackedFinding(folded)!.Severity);
    }

    [GitFact]
    public void A_linked_worktree_and_a_submodule_are_read_through_their_git_files()
    {
        using var tmp = new TempDir();
        var main = tmp.Combine("main");
        GitRepos.WithCommittedVenv(main);
        GitRepos.Git(main, "worktree", "add", "-q", tmp.Combine("linked"));
        var inWorktree = GitTracking.Of(Real(tmp.Combine("linked", ".venv")));
        Assert.Equal(TrackedState.Tracked, inWorktree.State);
        Assert.Equal(Real(tmp.Combine("linked")), inWorktree.Repository!.WorkTree);
        Assert.Equal(Real(Path.Combine(main, ".git", "worktrees", "linked")), inWorktree.Repository.GitDir);

        var library = tmp.Combine("library");
        GitRepos.WithCommittedVenv(library, "env");
        GitRepos.Git(main, "submodule", "add", "-q", library, "vendor/library");
        var inSubmodule = GitTracking.Of(Real(Path.Combine(main, "vendor", "library", "env")));
        Assert.Equal((TrackedState.Tracked, "env"), (inSubmodule.State, inSubmodule.RelativePath));
        Assert.Equal(Real(Path.Combine(main, ".git", "modules", "vendor", "library")), inSubmodule.Repository!.GitDir);
    }

    [GitFact]
    public void Ignored_then_untracked_with_the_command_shown_the_finding_changes_then_goes()
    {
        using var tmp = new TempDir();
        var root = tmp.Combine("it's a repo");
        var env = GitRepos.WithCommittedVenv(root);
        File.WriteAllText(EnvironmentGitIgnore.PathIn(env), EnvironmentGitIgnore.Content);

        var ignored = TrackedFinding(env)!;
        Assert.Equal("true", ignored.Data["ignored"]);
        Assert.Contains("still tracked", ignored.Message);
        Assert.DoesNotContain(new EnvironmentDiagnoser().Diagnose(env).Suggestions, s => s.Action == RepairActions.IgnoreInGit);

        // The command as shown, pasted into a real shell from anywhere: it untracks the venv and nothing else.
        var pasted = Run.Process("bash", ["-c", ignored.Data["command"]], tmp.Path, new Dictionary<string, string?> { ["GIT_CONFIG_GLOBAL"] = "/dev/null" });
        Assert.True(pasted.ExitCode == 0, pasted.StdErr);
        Assert.Null(TrackedFinding(env));
        Assert.Contains("README", GitRepos.Git(root, "ls-files"));
        Assert.Contains("!! .venv/", GitRepos.Git(root, "status", "--porcelain", "--ignored"));
    }

    private static int IndexVersion(string index)
    {
        var header = File.ReadAllBytes(index).AsSpan(4, 4);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header);
    }
}
