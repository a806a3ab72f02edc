using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;
using static VenvDoctor.Core.Tests.Diagnosis.DiagnosisTestKit;

namespace VenvDoctor.Core.Tests.Diagnosis;

/// <summary>base-missing, base-version-changed, inconsistent, patch-drift, home-* on venvs made by real interpreters.</summary>
public class BaseRulesTests
{
    private static BaseInterpreter AsBase(PythonInstall p) => new(p.Executable, p.Version.ToString(), p.Source, PrivateBase.PrefixOf(p));

    [PythonTheory]
    [MemberData(nameof(PrivateBase.PyenvPythons), MemberType = typeof(PrivateBase))]
    public void Removed_base_is_base_missing_and_suggests_an_installed_base_of_the_same_minor(string python)
    {
        using var tmp = new TempDir();
        var installed = Python(python);
        var privateBase = PrivateBase.Copy(installed, tmp.Combine("bases"));
        var venv = Venvs.Create(privateBase, tmp.Combine("env"));
        AssertHealthy(Diagnose(venv));

        Directory.Delete(PrivateBase.PrefixOf(privateBase), recursive: true);
        var env = Diagnose(venv, interpreters: [AsBase(installed)]);

        var missing = env.Single(FindingCodes.BaseMissing);
        Assert.Equal(Severity.Error, missing.Severity);
        Assert.StartsWith(PrivateBase.PrefixOf(privateBase), missing.Data["missing"]);
        Assert.Equal(Health.Broken, env.Health);
        Assert.DoesNotContain(FindingCodes.Moved, env.Codes());
        Assert.DoesNotContain(FindingCodes.DanglingLink, env.Codes());
        Assert.Equal(RepairActions.RelinkBase, env.Suggestions[0].Action);
        Assert.Equal(installed.Executable, env.Suggestions[0].Data["base"]);
        Assert.Contains(env.Suggestions, s => s.Action == RepairActions.Recreate);
    }

    [PythonTheory]
    [MemberData(nameof(PrivateBase.PyenvPythons), MemberType = typeof(PrivateBase))]
    public void Copies_venv_whose_base_is_removed_is_base_missing(string python)
    {
        using var tmp = new TempDir();
        var privateBase = PrivateBase.Copy(Python(python), tmp.Combine("bases"));
        var venv = Venvs.Create(privateBase, tmp.Combine("env"), false, "--copies");
        AssertHealthy(Diagnose(venv));

        Directory.Delete(PrivateBase.PrefixOf(privateBase), recursive: true);
        var missing = Diagnose(venv).Single(FindingCodes.BaseMissing);
        Assert.Equal(PrivateBase.PrefixOf(privateBase), missing.Data["prefix"]);
    }

    [PythonFact("3.12")]
    public void Copies_venv_whose_libpython_is_unreachable_is_base_missing()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Find("3.12")!, tmp.Combine("env"), false, "--copies");
        var exe = Path.Combine(venv, "bin", "python");
        Assert.False(new FileInfo(exe).LinkTarget is not null);
        // Re-point the ELF's RUNPATH at a folder that does not exist (same length, as a base moved away would).
        var bytes = File.ReadAllBytes(exe);
        var runpath = System.Text.Encoding.ASCII.GetBytes(PrivateBase.PrefixOf(Pythons.Find("3.12")!) + "/lib\0");
        var at = bytes.AsSpan().IndexOf(runpath);
        Assert.True(at > 0, "the pyenv build records its lib/ folder as RUNPATH");
        bytes[at + runpath.Length - 2] = (byte)'X';
        File.WriteAllBytes(exe, bytes);

        var missing = Diagnose(venv).Single(FindingCodes.BaseMissing);
        Assert.Equal("libpython3.12.so.1.0", missing.Data["library"]);
        Assert.EndsWith("/liX", missing.Data["runpath"]);
    }

    [PythonTheory]
    [MemberData(nameof(PrivateBase.PyenvPythons), MemberType = typeof(PrivateBase))]
    public void Base_whose_stdlib_is_gone_is_base_missing(string python)
    {
        using var tmp = new TempDir();
        var privateBase = PrivateBase.Copy(Python(python), tmp.Combine("bases"));
        var venv = Venvs.Create(privateBase, tmp.Combine("env"));
        Directory.Delete(Path.Combine(PrivateBase.PrefixOf(privateBase), "lib", "python" + privateBase.Minor, "encodings"), recursive: true);

        var missing = Diagnose(venv).Single(FindingCodes.BaseMissing);
        Assert.Equal(privateBase.Minor, missing.Data["version"]);
    }

    [PythonsFact("3.11", "3.12")]
    public void Symlinked_prefix_repointed_to_another_minor_is_base_version_changed()
    {
        var py311 = Pythons.Find("3.11")!;
        var py312 = Pythons.Find("3.12")!;
        using var tmp = new TempDir();
        // A Homebrew-style "python@3" link, used to make the venv, then re-pointed by an "upgrade".
        var current = tmp.Combine("python@3");
        Directory.CreateSymbolicLink(current, PrivateBase.PrefixOf(py311));
        var venv = Venvs.Create(py311 with { Executable = Path.Combine(current, "bin", "python3") }, tmp.Combine("env"));
        AssertHealthy(Diagnose(venv));

        Directory.Delete(current);
        Directory.CreateSymbolicLink(current, PrivateBase.PrefixOf(py312));
        var env = Diagnose(venv, interpreters: [AsBase(py311), AsBase(py312)]);

        var changed = env.Single(FindingCodes.BaseVersionChanged);
        Assert.Equal("3.12", changed.Data["currentVersion"]);
        Assert.StartsWith("3.11", changed.Data["recordedVersion"]);
        Assert.DoesNotContain(FindingCodes.Inconsistent, env.Codes());
        Assert.Equal(RepairActions.RelinkBase, env.Suggestions[0].Action);
        Assert.Equal(py311.Executable, env.Suggestions[0].Data["base"]);
    }

    [PythonsFact("3.11", "3.12")]
    public void Venv_upgraded_by_another_minor_is_inconsistent()
    {
        var py311 = Pythons.Find("3.11")!;
        var py312 = Pythons.Find("3.12")!;
        using var tmp = new TempDir();
        var venv = Venvs.Create(py311, tmp.Combine("env"));
        Venvs.Create(py312, venv, false, "--upgrade");

        var env = Diagnose(venv, interpreters: [AsBase(py311), AsBase(py312)]);

        var inconsistent = env.Single(FindingCodes.Inconsistent);
        Assert.Contains("3.11", inconsistent.Data["libVersions"]);
        Assert.Contains("3.12", inconsistent.Data["libVersions"]);
        Assert.DoesNotContain(FindingCodes.BaseVersionChanged, env.Codes());
        Assert.Equal(RepairActions.RelinkBase, env.Suggestions[0].Action);
        Assert.Equal(py312.Executable, env.Suggestions[0].Data["base"]);
    }

    [PythonTheory]
    [MemberData(nameof(AllPythons), MemberType = typeof(DiagnosisTestKit))]
    public void Copies_venv_is_healthy(string python)
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Python(python), tmp.Combine("env"), false, "--copies");
        Assert.Null(new FileInfo(Path.Combine(venv, "bin", "python")).LinkTarget);
        AssertHealthy(Diagnose(venv));
    }

    [PythonFact("3.12")]
    public void Older_recorded_patch_is_patch_drift_only()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Find("3.12")!, tmp.Combine("env"));
        var cfg = Path.Combine(venv, "pyvenv.cfg");
        File.WriteAllText(cfg, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(cfg), @"version = 3\.12\.\d+", "version = 3.12.0"));

        var env = Diagnose(venv);
        var drift = env.Single(FindingCodes.PatchDrift);
        Assert.Equal(Severity.Info, drift.Severity);
        Assert.Equal("3.12.0", drift.Data["recordedVersion"]);
        Assert.Equal(Pythons.Find("3.12")!.Version.ToString(), drift.Data["baseVersion"]);
        AssertHealthy(env);
    }

    [PythonFact]
    public void Missing_home_with_a_working_link_is_home_missing()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        EditConfig(venv, "home", "/nonexistent/python/bin");
        var env = Diagnose(venv);
        var f = env.Single(FindingCodes.HomeMissing);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("/nonexistent/python/bin", f.Data["home"]);
        Assert.Equal(Health.Warning, env.Health);
        Assert.Equal(RepairActions.FixHome, env.Suggestions[0].Action);
    }

    [PythonFact]
    public void Relative_home_is_home_relative()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        EditConfig(venv, "home", "../python/bin");
        var env = Diagnose(venv);
        Assert.Equal("../python/bin", env.Single(FindingCodes.HomeRelative).Data["home"]);
        Assert.DoesNotContain(FindingCodes.HomeMissing, env.Codes());
    }

    internal static void EditConfig(string venv, string key, string value)
    {
        var cfg = Path.Combine(venv, "pyvenv.cfg");
        var lines = File.ReadAllLines(cfg).Select(l => l.StartsWith(key + " ") ? $"{key} = {value}" : l);
        File.WriteAllLines(cfg, lines);
    }
}
