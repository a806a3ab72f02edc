using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// recreate on a real venv whose base link dangles: packages listed from metadata (the broken interpreter is never
/// run), a fresh environment with the same prompt and system-site-packages, reinstalled from local wheels (no PyPI
/// here: pip is configured with find-links, as a user's pip.conf would), proven by running it; then undone; and a
/// cancelled recreate that puts the old environment back.
/// </summary>
public sealed class RecreateTests
{
    private readonly TestJournals journals = new();

    private sealed record Fixture(TempDir Tmp, string Env, string Wheels, PythonInstall Python, TreeSnapshot Broken, Dictionary<string, string?> PipConfig) : IDisposable
    {
        public void Dispose() => Tmp.Dispose();
    }

    private static Fixture BrokenEnvWithPackages()
    {
        var python = Pythons.Find("3.11")!;
        var tmp = new TempDir();
        var wheels = tmp.Combine("wheels");
        TinyWheel.Build(wheels, "vdtiny", "0.1");
        var gone = TinyWheel.Build(wheels, "vdgone", "0.2");
        var env = tmp.Combine("my env");
        Venvs.Create(python, env, withPip: true, "--prompt", "my proj", "--system-site-packages");
        var install = Run.Process(Path.Combine(env, "bin", "pip"), ["install", "--no-index", "--find-links", wheels, "vdtiny", "vdgone"]);
        Assert.True(install.ExitCode == 0, install.StdErr);
        File.Delete(gone); // no longer available anywhere: recreate must say it could not reinstall it
        // The base is "uninstalled": the interpreter link dangles.
        var link = Path.Combine(env, "bin", $"python{python.Minor}");
        File.Delete(link);
        File.CreateSymbolicLink(link, $"/nonexistent/pyenv/{python.Version}/bin/python{python.Minor}");
        Assert.NotEqual(0, Proofs.Exec(Path.Combine(env, "bin", "vdtiny")).ExitCode);
        return new Fixture(tmp, env, wheels, python, TreeSnapshot.Of(env, includeJournal: true),
            new() { ["PIP_NO_INDEX"] = "1", ["PIP_FIND_LINKS"] = wheels });
    }

    [PythonFact("3.11")]
    public async Task Recreate_reinstalls_from_the_users_pip_sources_reports_what_it_could_not_and_undo_puts_the_old_one_back()
    {
        using var f = BrokenEnvWithPackages();
        var action = new RecreateAction(journals.Engine(), f.PipConfig);
        var request = new RepairRequest(f.Env) { Base = f.Python.Executable };

        var plan = action.Plan(request, CancellationToken.None);
        Assert.Contains(plan.Notes, n => n.Contains("vdtiny==0.1") && n.Contains("vdgone==0.2"));
        Assert.Equal(EditOperation.RenameFolder, Assert.Single(plan.Edits).Operation);
        f.Broken.AssertSameAs(TreeSnapshot.Of(f.Env, includeJournal: true), "planning changes nothing");

        var steps = new List<string>();
        var (_, applied, notReinstalled) = await action.RunAsync(request, new InlineProgress(p => steps.Add(p.Message)), CancellationToken.None);

        Assert.Contains(steps, s => s.StartsWith("reinstalling"));
        Assert.Contains(notReinstalled, n => n.StartsWith("vdgone"));
        Assert.DoesNotContain(notReinstalled, n => n.StartsWith("vdtiny") || n.StartsWith("setuptools"));
        var tool = Proofs.Exec(Path.Combine(f.Env, "bin", "vdtiny"));
        Assert.True(tool.ExitCode == 0, tool.StdErr);
        Assert.Equal("vdtiny 0.1 ok", tool.StdOut.Trim());
        Proofs.PythonRunsIn(f.Env);
        Proofs.PipNamesOwnSitePackages(f.Env);
        Proofs.ActivationWorks(f.Env);
        var cfg = File.ReadAllText(Path.Combine(f.Env, "pyvenv.cfg"));
        Assert.Contains("include-system-site-packages = true", cfg);
        Assert.Contains("my proj", File.ReadAllText(Path.Combine(f.Env, "bin", "activate")));
        var aside = FolderSwap.AsideFor(f.Env, applied.JournalId!);
        Assert.True(Directory.Exists(aside), "the old environment is kept aside for undo");

        var undone = journals.Engine().Undo(f.Env);

        Assert.Equal("recreate", undone!.Action);
        TreeSnapshot.Of(f.Env, includeJournal: true).AssertSameAs(f.Broken, "undo puts the old environment back byte for byte");
        Assert.False(Directory.Exists(aside));
        Assert.Empty(Directory.GetFileSystemEntries(f.Tmp.Path).Where(p => Path.GetFileName(p).StartsWith(".my env.")));
    }

    [PythonFact("3.11")]
    public async Task Cancelling_a_recreate_while_pip_runs_puts_the_old_environment_back()
    {
        using var f = BrokenEnvWithPackages();
        using var cts = new CancellationTokenSource();
        var action = new RecreateAction(journals.Engine(), f.PipConfig);
        var progress = new InlineProgress(p => { if (p.Message.StartsWith("reinstalling")) cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            action.RunAsync(new RepairRequest(f.Env) { Base = f.Python.Executable }, progress, cts.Token));

        TreeSnapshot.Of(f.Env, includeJournal: true).AssertSameAs(f.Broken, "a cancelled recreate leaves the old environment as it was");
        Assert.Empty(Directory.GetFileSystemEntries(f.Tmp.Path).Where(p => Path.GetFileName(p).StartsWith(".my env.")));
    }

    private sealed class InlineProgress(Action<RepairProgress> on) : IProgress<RepairProgress>
    {
        public void Report(RepairProgress value) => on(value);
    }
}
