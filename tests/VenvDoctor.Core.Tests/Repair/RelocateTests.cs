using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// relocate on real venvs with pip, moved to paths with spaces and quotes: each Python's own activation format,
/// pip's two shebang forms, then proven by running the environment and sourcing its scripts; then undone.
/// </summary>
public sealed class RelocateTests
{
    private readonly TestJournals journals = new();

    private const string OddTarget = "moved \"q\" dir/new env's";

    [PythonFact("3.8")] public void Relocates_a_3_8_venv() => MoveRelocateProve(Pythons.Find("3.8")!);
    [PythonFact("3.12")] public void Relocates_a_3_12_venv() => MoveRelocateProve(Pythons.Find("3.12")!);
    [PythonFact("3.13")] public void Relocates_a_3_13_venv() => MoveRelocateProve(Pythons.Find("3.13")!);

    [SystemPythonFact]
    public void Relocates_a_venv_whose_scripts_use_the_security_fixed_shell_quoting() => MoveRelocateProve(Proofs.System311!);

    private void MoveRelocateProve(PythonInstall python)
    {
        using var tmp = new TempDir();
        var original = tmp.Combine("orig dir", "it's env");
        Directory.CreateDirectory(Path.GetDirectoryName(original)!);
        Venvs.Create(python, original, withPip: true);
        var moved = tmp.Combine(OddTarget);
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(original, moved);
        Assert.NotEqual(0, Proofs.Exec(Path.Combine(moved, "bin", "pip"), "--version").ExitCode); // broken, as users see it
        var broken = TreeSnapshot.Of(moved, includeJournal: true);

        var plan = new RelocateAction().Plan(new RepairRequest(moved), CancellationToken.None);
        Assert.Contains(plan.Edits, e => e.Path.EndsWith("/bin/activate"));
        Assert.Contains(plan.Edits, e => e.Path.EndsWith("/bin/pip"));
        var engine = journals.Engine();
        engine.Apply(plan, null, CancellationToken.None);

        Proofs.PythonRunsIn(moved);
        Proofs.PipNamesOwnSitePackages(moved);
        Proofs.ActivationWorks(moved);
        var again = new RelocateAction().Plan(new RepairRequest(moved), CancellationToken.None);
        Assert.True(again.IsEmpty, "a relocated environment needs nothing more: " + string.Join(", ", again.Edits.Select(e => e.Path)));

        engine.Undo(moved);
        TreeSnapshot.Of(moved, includeJournal: true).AssertSameAs(broken, "undo restores the moved environment byte for byte");
    }

    [PythonFact]
    public void Shebangs_switch_form_the_way_pip_would_for_long_and_short_paths()
    {
        using var tmp = new TempDir();
        var python = Pythons.Any!;
        var shortPath = Venvs.Create(python, tmp.Combine("short"));
        var interpreter = Path.Combine(shortPath, "bin", "python");
        Venvs.WriteConsoleScript(shortPath, "tool", interpreter);
        Assert.StartsWith($"#!{interpreter}\n", File.ReadAllText(Path.Combine(shortPath, "bin", "tool")));
        var longPath = tmp.Combine(new string('l', 70), new string('m', 70));
        Directory.CreateDirectory(Path.GetDirectoryName(longPath)!);
        Directory.Move(shortPath, longPath);
        var engine = journals.Engine();

        engine.Apply(new RelocateAction().Plan(new RepairRequest(longPath), CancellationToken.None), null, CancellationToken.None);

        var text = File.ReadAllText(Path.Combine(longPath, "bin", "tool"));
        Assert.StartsWith($"#!/bin/sh\n'''exec' {longPath}/bin/python \"$0\" \"$@\"\n' '''\n", text);
        var run = Proofs.Exec(Path.Combine(longPath, "bin", "tool"));
        Assert.True(run.ExitCode == 0, run.StdErr);

        // And back to a short path: the plain shebang again.
        var back = tmp.Combine("back");
        Directory.Move(longPath, back);
        engine.Apply(new RelocateAction().Plan(new RepairRequest(back), CancellationToken.None), null, CancellationToken.None);
        Assert.StartsWith($"#!{back}/bin/python\n# -*- coding", File.ReadAllText(Path.Combine(back, "bin", "tool")));
        Assert.Equal(0, Proofs.Exec(Path.Combine(back, "bin", "tool")).ExitCode);
    }

    [PythonFact]
    public void A_script_whose_new_path_no_header_form_can_carry_is_left_whole_with_the_reason()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("short"));
        Venvs.WriteConsoleScript(env, "tool", Path.Combine(env, "bin", "python"));
        // A blank needs the exec form, where Python would read the backslash as an escape: neither form carries it.
        var moved = tmp.Combine("back\\x41 slash", "env");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(env, moved);
        var tool = Path.Combine(moved, "bin", "tool");

        var plan = new RelocateAction().Plan(new RepairRequest(moved), CancellationToken.None);

        Assert.DoesNotContain(plan.Edits, e => e.Path == tool);
        Assert.Contains(plan.Left, l => l.Path == tool && l.Reason.Contains("backslash"));
        Assert.Contains(plan.Edits, e => e.Path.EndsWith("/bin/activate", StringComparison.Ordinal));
    }

    [PythonFact("3.11")]
    public void A_legacy_editable_install_inside_the_moved_tree_follows_it()
    {
        var python = Pythons.Find("3.11")!;
        using var tmp = new TempDir();
        var original = tmp.Combine("a-env"); // setuptools develop quotes a spaced path in a plain shebang, which never ran
        Venvs.Create(python, original, withPip: true);
        var project = Path.Combine(original, "src", "proj");
        Directory.CreateDirectory(Path.Combine(project, "mypkg"));
        File.WriteAllText(Path.Combine(project, "setup.py"), "from setuptools import setup\nsetup(name='mypkg', version='1.0', packages=['mypkg'], entry_points={'console_scripts': ['mytool=mypkg:main']})\n");
        File.WriteAllText(Path.Combine(project, "mypkg", "__init__.py"), "import os\ndef main(): print(os.path.dirname(__file__))\n");
        var develop = Run.Process(Path.Combine(original, "bin", "python"), ["setup.py", "develop"], workingDirectory: project);
        Assert.True(develop.ExitCode == 0, $"setup.py develop failed: {develop.StdErr}");
        var moved = tmp.Combine("b-env");
        Directory.Move(original, moved);

        journals.Engine().Apply(new RelocateAction().Plan(new RepairRequest(moved), CancellationToken.None), null, CancellationToken.None);

        var sitePackages = Directory.GetDirectories(Path.Combine(moved, "lib"))[0] + "/site-packages";
        Assert.StartsWith(Path.Combine(moved, "src", "proj"), File.ReadAllText(Path.Combine(sitePackages, "mypkg.egg-link")));
        var tool = Proofs.Exec(Path.Combine(moved, "bin", "mytool"));
        Assert.True(tool.ExitCode == 0, tool.StdErr);
        Assert.Equal(Path.Combine(moved, "src", "proj", "mypkg"), tool.StdOut.Trim());
    }
}
