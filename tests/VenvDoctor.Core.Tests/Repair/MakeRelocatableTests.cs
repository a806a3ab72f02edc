using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Tests.Diagnosis;
using VenvDoctor.Core.Tests.Support;
using Xunit.Abstractions;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// make-relocatable on real environments (CPython's venv of several versions, Debian's security-fixed templates,
/// pypa virtualenv) with pip and a console script installed from a wheel built here: made relocatable, then moved to
/// a folder whose name holds blanks, quotes, <c>$</c> and non-ASCII, where pip, the console script (also through a
/// link from another folder), the interpreter and every installed shell's activation must work with no repair, a
/// scan must find nothing wrong, and undo must restore every byte. A script pip installs afterwards is reported
/// (<c>script-not-relocatable</c>) and made relative by running the action again.
/// </summary>
public sealed class MakeRelocatableTests(ITestOutputHelper output)
{
    private readonly TestJournals journals = new();

    private const string HostileFolder = "new \"q\" $HOME `x` é日本 it's/env dir";

    [PythonFact("3.8")] public void A_3_8_venv_moves_without_repair() => Prove(dir => Venvs.Create(Pythons.Find("3.8")!, dir, withPip: true));
    [PythonFact("3.10")] public void A_3_10_venv_moves_without_repair() => Prove(dir => Venvs.Create(Pythons.Find("3.10")!, dir, withPip: true));
    [PythonFact("3.12")] public void A_3_12_venv_moves_without_repair() => Prove(dir => Venvs.Create(Pythons.Find("3.12")!, dir, withPip: true));
    [PythonFact("3.13")] public void A_3_13_venv_moves_without_repair() => Prove(dir => Venvs.Create(Pythons.Find("3.13")!, dir, withPip: true));
    [SystemPythonFact] public void A_security_fixed_venv_moves_without_repair() => Prove(dir => Venvs.Create(Proofs.System311!, dir, withPip: true));

    [VirtualenvFact]
    public void A_virtualenv_env_moves_without_repair() => Prove(dir =>
    {
        Run.Checked("/usr/bin/python3", "-m", "virtualenv", "--no-periodic-update", "--no-setuptools", "--no-wheel", "-p", (Pythons.Find("3.11") ?? Pythons.Any!).Executable, dir);
        return dir;
    });

    private void Prove(Func<string, string> make)
    {
        using var tmp = new TempDir();
        var env = make(tmp.Combine("made", "env"));
        var wheels = tmp.Combine("wheels");
        PipInstall(env, TinyWheel.Build(wheels, "vdtool", "1.0"));
        // Warm up once where it was made, so the runs after the move write no new bytecode (undo is compared byte for byte).
        Assert.Equal("vdtool 1.0 ok\n", Exec(Path.Combine(env, "bin", "vdtool")).StdOut);

        var healthy = new EnvironmentDiagnoser().Diagnose(env);
        Assert.Contains(healthy.Suggestions, s => s.Action == RepairActions.MakeRelocatable);
        var before = TreeSnapshot.Of(env);

        var plan = new MakeRelocatableAction().Plan(new RepairRequest(env), CancellationToken.None);
        Assert.Contains(plan.Edits, e => e.Path.EndsWith("/bin/activate", StringComparison.Ordinal));
        Assert.Contains(plan.Edits, e => e.Path.EndsWith("/bin/vdtool", StringComparison.Ordinal));
        Assert.Contains(plan.Edits, e => e.Path.EndsWith("/pyvenv.cfg", StringComparison.Ordinal));
        var engine = journals.Engine();
        engine.Apply(plan, null, CancellationToken.None);
        Assert.True(new MakeRelocatableAction().Plan(new RepairRequest(env), CancellationToken.None).IsEmpty, "applied twice, it changes nothing the second time");
        AssertNothingWrong(env, "made relocatable, in place");

        var moved = tmp.Combine(HostileFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(env, moved);

        Proofs.PythonRunsIn(moved);
        Proofs.PipNamesOwnSitePackages(moved);
        Assert.Equal("vdtool 1.0 ok\n", Exec(Path.Combine(moved, "bin", "vdtool")).StdOut);
        // A console script linked from another folder (~/.local/bin style) still runs its own environment.
        var elsewhere = tmp.Combine("other bin", "vdtool");
        Directory.CreateDirectory(Path.GetDirectoryName(elsewhere)!);
        File.CreateSymbolicLink(elsewhere, Path.Combine(moved, "bin", "vdtool"));
        Assert.Equal("vdtool 1.0 ok\n", Exec(elsewhere).StdOut);
        File.Delete(elsewhere);
        AssertActivatesInEveryShell(moved);
        AssertNothingWrong(moved, "moved after make-relocatable");

        engine.Undo(moved);
        TreeSnapshot.Of(moved).AssertSameAs(before, "undo restores every byte");
    }

    [PythonFact("3.12")]
    public void A_script_pip_installs_later_is_reported_and_made_relative_again()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Find("3.12")!, tmp.Combine("env"), withPip: true);
        var engine = journals.Engine();
        engine.Apply(new MakeRelocatableAction().Plan(new RepairRequest(env), CancellationToken.None), null, CancellationToken.None);
        PipInstall(env, TinyWheel.Build(tmp.Combine("wheels"), "vdlater", "2.0"));

        var diagnosis = new EnvironmentDiagnoser().Diagnose(env);
        var finding = Assert.Single(diagnosis.Findings);
        Assert.Equal(FindingCodes.ScriptNotRelocatable, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("vdlater", finding.Data["scripts"]);
        Assert.Equal(RepairActions.MakeRelocatable, Assert.Single(diagnosis.Suggestions).Action);

        var again = new MakeRelocatableAction().Plan(new RepairRequest(env), CancellationToken.None);
        Assert.Equal(Path.Combine(env, "bin", "vdlater"), Assert.Single(again.Edits).Path);
        engine.Apply(again, null, CancellationToken.None);
        var moved = tmp.Combine("moved", "env");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(env, moved);
        Assert.Equal("vdlater 2.0 ok\n", Exec(Path.Combine(moved, "bin", "vdlater")).StdOut);
        AssertNothingWrong(moved, "moved after the second make-relocatable");
    }

    [PythonFact]
    public void Binaries_and_other_programs_scripts_are_left_with_the_reason()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var elf = Path.Combine(env, "bin", "native-tool");
        File.Copy("/bin/true", elf);
        var shell = Path.Combine(env, "bin", "helper.sh");
        File.WriteAllText(shell, "#!/bin/sh\necho hi\n");
        var system = Venvs.WriteConsoleScript(env, "systool", "/usr/bin/python3");
        var before = new[] { elf, shell, system }.ToDictionary(f => f, File.ReadAllBytes);

        var plan = new MakeRelocatableAction().Plan(new RepairRequest(env), CancellationToken.None);

        Assert.Contains(plan.Left, l => l.Path == elf && l.Reason.Contains("not a script", StringComparison.Ordinal));
        Assert.Contains(plan.Left, l => l.Path == shell && l.Reason.Contains("not a console script", StringComparison.Ordinal));
        Assert.Contains(plan.Left, l => l.Path == system && l.Reason.Contains("/usr/bin/python3", StringComparison.Ordinal));
        journals.Engine().Apply(plan, null, CancellationToken.None);
        foreach (var (file, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    private void AssertActivatesInEveryShell(string env)
    {
        var failures = new List<string>();
        var checkedShells = new List<string>();
        foreach (var shell in Proofs.ScriptsByShell.Keys.Where(s => Shells.Find(s) is not null || Shells.Required.Contains(s)))
            foreach (var script in Proofs.ScriptsByShell[shell].Where(s => File.Exists(Path.Combine(env, "bin", s))))
            {
                var report = shell == "nu" ? NuVirtualEnvLine(env) : Proofs.Activate(shell, env, script);
                if (report.Problem(env) is { } problem) failures.Add(problem);
                checkedShells.Add($"{shell} {script}");
            }
        output.WriteLine("activated in: " + string.Join(", ", checkedShells));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains("bash activate", checkedShells);
    }

    /// <summary>
    /// virtualenv's activate.nu overlay fails in today's nushell before it reaches VIRTUAL_ENV (a template matter, see
    /// ActivationPropertyTests), so real nushell evaluates the line make-relocatable wrote, from a file beside it in
    /// bin/ (<c>path self</c> is the file the line is in).
    /// </summary>
    private static ActivationReport NuVirtualEnvLine(string env)
    {
        var text = File.ReadAllText(Path.Combine(env, "bin", "activate.nu"));
        var line = text.Split('\n').Single(l => l.TrimStart().StartsWith("let virtual_env = ", StringComparison.Ordinal)).Trim();
        var probe = Path.Combine(env, "bin", "vd-nu-probe.nu");
        File.WriteAllText(probe, line + "\nprint -n ($virtual_env + \"\\u{2}\" + \"\\u{2}\")\n");
        try
        {
            var r = Run.Process(Shells.Get("nu"), ["-n", "--no-std-lib", probe], timeout: TimeSpan.FromSeconds(60));
            var parts = r.StdOut.Split('\x02');
            return new ActivationReport("nu", "activate.nu", parts.Length < 3 ? -1 : r.ExitCode, parts[0], null!, r.StdErr);
        }
        finally { File.Delete(probe); }
    }

    private static void AssertNothingWrong(string env, string when)
    {
        var diagnosis = new EnvironmentDiagnoser().Diagnose(env);
        Assert.True(diagnosis.Findings.All(f => f.Severity == Severity.Info),
            $"{when}: " + string.Join("; ", diagnosis.Findings.Select(f => $"{f.Code}: {f.Message}")));
        Assert.DoesNotContain(diagnosis.Suggestions, s => s.Action == RepairActions.MakeRelocatable);
    }

    private static void PipInstall(string env, string wheel)
    {
        var r = Exec(Path.Combine(env, "bin", "python"), "-m", "pip", "install", "--no-index", "--no-deps", "--disable-pip-version-check", "--no-input", wheel);
        Assert.True(r.ExitCode == 0, $"pip install {wheel} failed: {r.StdErr}");
    }

    /// <summary>Runs a program of the environment without writing bytecode (undo is compared byte for byte).</summary>
    private static Run.Result Exec(string file, params string[] args) =>
        Run.Process(file, args, environment: new Dictionary<string, string?>
        {
            ["VIRTUAL_ENV"] = null, ["PYTHONHOME"] = null, ["PYTHONPATH"] = null, ["PYTHONDONTWRITEBYTECODE"] = "1",
        }, timeout: TimeSpan.FromSeconds(120));
}
