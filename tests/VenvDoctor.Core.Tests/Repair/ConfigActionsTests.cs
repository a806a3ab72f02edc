using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>relink-base, fix-home, regenerate-config on real venvs broken the way users break them, proven by running them.</summary>
public sealed class ConfigActionsTests
{
    private readonly RepairEngine Engine = new TestJournals().Engine();

    private static string ScriptedVenv(TempDir tmp, PythonInstall python, string name = "env")
    {
        var env = Venvs.Create(python, tmp.Combine(name));
        Venvs.WriteConsoleScript(env, "tool", Path.Combine(env, "bin", "python"));
        return env;
    }

    private static void ProveRuns(string env)
    {
        Proofs.PythonRunsIn(env);
        var tool = Proofs.Exec(Path.Combine(env, "bin", "tool"));
        Assert.True(tool.ExitCode == 0, $"console script failed: {tool.StdErr}");
        Proofs.ActivationWorks(env);
    }

    [PythonFact("3.11")]
    public void Relink_base_points_a_venv_whose_base_was_uninstalled_at_an_installed_one_of_the_same_minor()
    {
        var python = Pythons.Find("3.11")!;
        using var tmp = new TempDir();
        var env = ScriptedVenv(tmp, python);
        // The base is "uninstalled": its absolute link and pyvenv.cfg name a prefix that is gone.
        var gone = $"/nonexistent/versions/{python.Version}/bin";
        var link = Path.Combine(env, "bin", $"python{python.Minor}");
        File.Delete(link);
        File.CreateSymbolicLink(link, $"{gone}/python{python.Minor}");
        var cfg = Path.Combine(env, "pyvenv.cfg");
        File.WriteAllText(cfg, File.ReadAllText(cfg).Replace(Path.GetDirectoryName(python.Executable)!, gone));
        Assert.Null(VenvDoctor.Core.Anatomy.PathResolver.RealPath(Path.Combine(env, "bin", "python"))); // the interpreter link dangles
        var broken = TreeSnapshot.Of(env, includeJournal: true);

        var plan = new RelinkBaseAction().Plan(new RepairRequest(env) { Base = python.Executable }, CancellationToken.None);
        Engine.Apply(plan, null, CancellationToken.None);

        ProveRuns(env);
        var basePrefix = Proofs.Exec(Path.Combine(env, "bin", "python"), "-c", "import sys; print(sys.base_prefix)").StdOut.Trim();
        Assert.Equal(Path.GetDirectoryName(Path.GetDirectoryName(python.Executable)), basePrefix);
        Assert.Equal(python.Executable, new FileInfo(link).LinkTarget);
        Assert.Contains($"home = {Path.GetDirectoryName(python.Executable)}\n", File.ReadAllText(cfg));
        Engine.Undo(env);
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(broken, "undo");
    }

    [Python311AndAnotherMinorFact]
    public void Relink_base_refuses_a_base_of_another_minor()
    {
        var other = Pythons.WithVenv.First(p => p.Minor != "3.11");
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Find("3.11")!, tmp.Combine("env"));
        var e = Assert.Throws<RepairException>(() => new RelinkBaseAction().Plan(new RepairRequest(env) { Base = other.Executable }, CancellationToken.None));
        Assert.Contains("recreate", e.Message);
    }

    [PythonFact]
    public void Fix_home_sets_home_to_the_folder_of_the_interpreter_the_link_resolves_to()
    {
        var python = Pythons.Any!;
        using var tmp = new TempDir();
        var env = ScriptedVenv(tmp, python);
        var cfg = Path.Combine(env, "pyvenv.cfg");
        var home = File.ReadLines(cfg).First(l => l.StartsWith("home")).Split('=', 2)[1].Trim();
        File.WriteAllText(cfg, "# kept comment\n" + File.ReadAllText(cfg).Replace($"home = {home}", "home = /gone/bin"));

        Engine.Apply(new FixHomeAction().Plan(new RepairRequest(env), CancellationToken.None), null, CancellationToken.None);

        var text = File.ReadAllText(cfg);
        Assert.StartsWith("# kept comment\n", text);
        var resolvedHome = Path.GetDirectoryName(VenvDoctor.Core.Anatomy.PathResolver.RealPath(Path.Combine(env, "bin", "python")))!;
        Assert.Contains($"home = {resolvedHome}\n", text);
        ProveRuns(env);
    }

    [PythonFact]
    public void Regenerate_config_writes_a_missing_pyvenv_cfg_that_makes_the_interpreter_a_venv_again()
    {
        var python = Pythons.Any!;
        using var tmp = new TempDir();
        var env = ScriptedVenv(tmp, python);
        File.Delete(Path.Combine(env, "pyvenv.cfg"));
        var before = Proofs.Exec(Path.Combine(env, "bin", "python"), "-c", "import sys; print(sys.prefix)").StdOut.Trim();
        Assert.NotEqual(env, before); // without pyvenv.cfg the interpreter is just the base

        var plan = new RegenerateConfigAction().Plan(new RepairRequest(env), CancellationToken.None);
        Assert.Equal(EditOperation.CreateFile, Assert.Single(plan.Edits).Operation);
        Engine.Apply(plan, null, CancellationToken.None);

        ProveRuns(env);
        var cfg = File.ReadAllText(Path.Combine(env, "pyvenv.cfg"));
        Assert.Contains($"version = {python.Version}", cfg.Replace("version = " + python.Version + ".", "version = " + python.Version));
        Engine.Undo(env);
        Assert.False(File.Exists(Path.Combine(env, "pyvenv.cfg")));
    }
}

/// <summary>A [Fact] that needs Python 3.11 and a Python of another minor, skipped with the reason otherwise.</summary>
public sealed class Python311AndAnotherMinorFactAttribute : FactAttribute
{
    public Python311AndAnotherMinorFactAttribute()
    {
        if (Pythons.Find("3.11") is null) Skip = "No Python 3.11 found on this machine (looked in $PYENV_ROOT/versions and /usr/bin)";
        else if (!Pythons.WithVenv.Any(p => p.Minor != "3.11")) Skip = "Only Python 3.11 is installed: no base of another minor to refuse";
    }
}
