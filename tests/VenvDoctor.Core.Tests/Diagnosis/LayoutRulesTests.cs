using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;
using static VenvDoctor.Core.Tests.Diagnosis.DiagnosisTestKit;

namespace VenvDoctor.Core.Tests.Diagnosis;

/// <summary>config-missing, config-invalid, foreign-platform, dangling-link, editable-stale, relocatable, probe.</summary>
public class LayoutRulesTests
{
    [PythonTheory]
    [MemberData(nameof(AllPythons), MemberType = typeof(DiagnosisTestKit))]
    public void Deleted_pyvenv_cfg_is_config_missing(string python)
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Python(python), tmp.Combine("env"));
        File.Delete(Path.Combine(venv, "pyvenv.cfg"));
        var env = Diagnose(venv, interpreters: [new BaseInterpreter(python, Python(python).Version.ToString(), "pyenv", null)]);
        Assert.Equal(EnvironmentKind.VenvShaped, env.Kind);
        var f = env.Single(FindingCodes.ConfigMissing);
        Assert.Equal(Path.Combine(venv, "pyvenv.cfg"), f.Data["file"]);
        Assert.Equal(RepairActions.RegenerateConfig, env.Suggestions[0].Action);
        Assert.Equal(Python(python).Minor, env.Version);
    }

    [PythonFact]
    public void Garbled_pyvenv_cfg_is_config_invalid_with_the_line()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        File.AppendAllText(Path.Combine(venv, "pyvenv.cfg"), "<<<<<<< HEAD\n");
        var f = Diagnose(venv).Single(FindingCodes.ConfigInvalid);
        Assert.Equal("6", f.Data["line"]);

        File.WriteAllText(Path.Combine(venv, "pyvenv.cfg"), "include-system-site-packages = false\n");
        Assert.Equal("no home key", Diagnose(venv).Single(FindingCodes.ConfigInvalid).Data["error"]);
    }

    [Fact]
    public void Windows_venv_seen_on_posix_is_foreign_platform()
    {
        using var tmp = new TempDir();
        var venv = tmp.Combine("winenv");
        Directory.CreateDirectory(Path.Combine(venv, "Scripts"));
        Directory.CreateDirectory(Path.Combine(venv, "Lib", "site-packages"));
        File.WriteAllBytes(Path.Combine(venv, "Scripts", "python.exe"), [(byte)'M', (byte)'Z', 0, 0]);
        File.WriteAllText(Path.Combine(venv, "Scripts", "activate.bat"), "@echo off\r\nset \"VIRTUAL_ENV=C:\\work\\winenv\"\r\n");
        File.WriteAllText(Path.Combine(venv, "pyvenv.cfg"), "home = C:\\Users\\me\\AppData\\Local\\Programs\\Python\\Python311\r\ninclude-system-site-packages = false\r\nversion = 3.11.7\r\n");

        var env = Diagnose(venv);

        Assert.Equal(EnvironmentKind.WindowsVenv, env.Kind);
        var f = env.Single(FindingCodes.ForeignPlatform);
        Assert.Equal("windows", f.Data["layout"]);
        Assert.StartsWith("C:\\", f.Data["home"]);
        // The Windows paths are not read as a move, nor the missing bin/python as a missing base.
        Assert.Equal([FindingCodes.ForeignPlatform], env.Codes());
    }

    [PythonFact]
    public void Absolute_lib64_pointing_nowhere_is_dangling_link()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var lib64 = Path.Combine(venv, "lib64");
        if (File.Exists(lib64) || Directory.Exists(lib64) || new FileInfo(lib64).LinkTarget is not null) File.Delete(lib64);
        File.CreateSymbolicLink(lib64, "/nonexistent/old/env/lib");
        var env = Diagnose(venv);
        var f = env.Single(FindingCodes.DanglingLink);
        Assert.Equal(lib64, f.Data["file"]);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal(Health.Warning, env.Health);
    }

    [PythonFact]
    public void Editable_records_pointing_nowhere_are_editable_stale()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var site = Directory.EnumerateDirectories(Path.Combine(venv, "lib")).Single() + "/site-packages";
        Directory.CreateDirectory(tmp.Combine("present"));
        File.WriteAllText(Path.Combine(site, "__editable__.gone_pkg-1.0.pth"), tmp.Combine("gone src") + "\n");
        File.WriteAllText(Path.Combine(site, "__editable__.ok_pkg-1.0.pth"), tmp.Combine("present") + "\n");
        var env = Diagnose(venv);
        var f = env.Single(FindingCodes.EditableStale);
        Assert.Equal("gone_pkg", f.Data["distribution"]);
        Assert.Equal(tmp.Combine("gone src"), f.Data["recordedPath"]);
        var s = Assert.Single(env.Suggestions);
        Assert.Equal(RepairActions.ReinstallEditable, s.Action);
        Assert.Equal("gone_pkg", s.Data["distribution"]);
    }

    [PythonFact("3.11")]
    public void Real_legacy_editable_install_whose_source_moved_is_editable_stale()
    {
        var debian = Pythons.All.FirstOrDefault(p => p.Source == "system" && p.Minor == "3.11") ?? Pythons.Find("3.11")!;
        using var tmp = new TempDir();
        var project = tmp.Combine("legacy proj");
        Directory.CreateDirectory(Path.Combine(project, "legacypkg"));
        File.WriteAllText(Path.Combine(project, "legacypkg", "__init__.py"), "");
        File.WriteAllText(Path.Combine(project, "setup.py"), "from setuptools import setup\nsetup(name='legacypkg', version='1.0', packages=['legacypkg'])\n");
        var venv = Venvs.Create(debian, tmp.Combine("env"), withPip: true);
        var pip = Path.Combine(venv, "bin", "pip");
        var wheels = "/usr/share/python-wheels";
        if (!Directory.Exists(wheels) || Run.Process(pip, ["install", "-q", "--no-index", "--find-links", wheels, "setuptools"]).ExitCode != 0)
            throw new InvalidOperationException("setuptools wheel not installable here (needs /usr/share/python-wheels)");
        Run.Checked(pip, "install", "-q", "--no-index", "--no-build-isolation", "--no-use-pep517", "-e", project);
        AssertHealthy(Diagnose(venv));

        Directory.Move(project, tmp.Combine("renamed"));
        var env = Diagnose(venv);
        var stale = env.Findings.Where(f => f.Code == FindingCodes.EditableStale).ToList();
        Assert.NotEmpty(stale);
        Assert.All(stale, f => Assert.Equal(project, f.Data["recordedPath"]));
        Assert.Contains(stale, f => f.Data["distribution"] == "legacypkg");
    }

    [PythonFact]
    public void Relocatable_uv_style_venv_moved_elsewhere_is_healthy()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        // What uv --relocatable writes: no command, activation computed from the script's place, relative scripts.
        var cfg = Path.Combine(venv, "pyvenv.cfg");
        File.WriteAllLines(cfg, File.ReadAllLines(cfg).Where(l => !l.StartsWith("command") && !l.StartsWith("executable")).Append("uv = 0.4.18").Append("relocatable = true"));
        foreach (var f in Directory.EnumerateFiles(Path.Combine(venv, "bin"), "activate*")) File.Delete(f);
        File.WriteAllText(Path.Combine(venv, "bin", "activate"), "VIRTUAL_ENV=''\"$(dirname -- \"$(CDPATH= cd -- \"$(dirname -- ${SH_FILE:-$0})\" && echo \"$PWD\")\")\"''\nexport VIRTUAL_ENV\n");
        File.WriteAllText(Path.Combine(venv, "bin", "tool"), "#!/bin/sh\n'''exec' \"$(dirname -- \"$(realpath -- \"$0\")\")\"/'python' \"$0\" \"$@\"\n' '''\nimport sys\n");
        var moved = tmp.Combine("elsewhere");
        Directory.Move(venv, moved);
        var env = Diagnose(moved);
        Assert.Equal(EnvironmentKind.Uv, env.Kind);
        AssertHealthy(env);
    }

    [PythonFact]
    public void Probe_runs_the_interpreter_only_when_asked_and_reports_what_it_said()
    {
        using var tmp = new TempDir();
        var old = Venvs.Create(Pythons.Any!, tmp.Combine("old"));
        var now = tmp.Combine("now");
        Directory.Move(old, now);
        var diagnoser = new EnvironmentDiagnoser();
        Assert.DoesNotContain("probe", diagnoser.Diagnose(now).Single(FindingCodes.Moved).Data.Keys);
        var probed = diagnoser.Diagnose(now, options: new DiagnosisOptions(Probe: true)).Single(FindingCodes.Moved);
        Assert.Contains($"({Pythons.Any!.Version.Major}, {Pythons.Any.Version.Minor}, ", probed.Data["probe"]);
        Assert.EndsWith(now, probed.Data["probe"]);
    }
}
