using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Tests.Watching;
using static VenvDoctor.Core.Tests.Diagnosis.DiagnosisTestKit;

namespace VenvDoctor.Core.Tests.Diagnosis;

/// <summary>
/// base-versioned-folder on a real venv built on a Homebrew-shaped keg (Homebrew on Linux lays out the same
/// <c>Cellar/python@3.X/3.X.Y</c> and <c>opt/python@3.X</c> as on a Mac): a private copy of a real pyenv CPython is
/// the keg, <c>opt/python@3.X</c> the relative link brew makes, and an upgrade is what brew does: a new keg, opt
/// re-pointed, the old keg removed.
/// </summary>
public sealed class BaseVersionedFolderTests
{
    private readonly RepairEngine Engine = new TestJournals().Engine();

    private sealed record Brew(string Prefix, string Formula, PythonInstall Python)
    {
        public string Kegs => Path.Combine(Prefix, "Cellar", Formula);
        public string Opt => Path.Combine(Prefix, "opt", Formula);
        public string StableExecutable => Path.Combine(Opt, "bin", $"python{Python.Minor}");

        /// <summary>Installs a keg named <paramref name="version"/> and points opt/ at it, as brew install and upgrade do.</summary>
        public string InstallKeg(string version, string staging)
        {
            var (copy, _) = PrivateBases.Copy(Python, staging);
            var keg = Path.Combine(Kegs, version);
            Directory.CreateDirectory(Kegs);
            Directory.Move(copy, keg);
            Directory.CreateDirectory(Path.GetDirectoryName(Opt)!);
            if (Path.Exists(Opt)) File.Delete(Opt);
            File.CreateSymbolicLink(Opt, Path.Combine("..", "Cellar", Formula, version));
            return keg;
        }
    }

    private static Brew MakeBrew(TempDir tmp)
    {
        var python = PyenvFactAttribute.Newest(1)[0];
        return new Brew(tmp.Combine("linuxbrew"), $"python@{python.Minor}", python);
    }

    [PyenvFact]
    public void A_venv_on_a_cellar_keg_is_a_warning_with_a_relink_to_opt_then_an_error_after_an_upgrade_removed_it()
    {
        using var tmp = new TempDir();
        var brew = MakeBrew(tmp);
        var oldKeg = brew.InstallKeg(brew.Python.Version.ToString(), tmp.Combine("staging1"));
        var kegPython = Path.Combine(oldKeg, "bin", $"python{brew.Python.Minor}");
        var env = Venvs.Create(brew.Python with { Executable = kegPython }, tmp.Combine("proj", ".venv"));

        var before = Diagnose(env);
        var warning = before.Single(FindingCodes.BaseVersionedFolder);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(oldKeg, warning.Data["folder"]);
        Assert.Equal("homebrew", warning.Data["manager"]);
        Assert.Equal("true", warning.Data["exists"]);
        Assert.Equal(brew.Python.Minor, warning.Data["minor"]);
        Assert.Equal(brew.StableExecutable, warning.Data["stable"]);
        Assert.Contains("home", warning.Data["recordedIn"].Split(','));
        // venv's one absolute link: bin/python up to 3.12, bin/python3.X from 3.13
        Assert.Contains(warning.Data["recordedIn"].Split(','), w => w.StartsWith("bin/python", StringComparison.Ordinal));
        Assert.Equal(Health.Warning, before.Health);
        var relink = before.Suggestions[0];
        Assert.Equal((RepairActions.RelinkBase, brew.StableExecutable), (relink.Action, relink.Data["base"]));

        // brew upgrade: a new keg (a revision of the same version), opt re-pointed, the old keg removed.
        brew.InstallKeg($"{brew.Python.Version}_1", tmp.Combine("staging2"));
        Directory.Delete(oldKeg, recursive: true);

        // The inventory also knows the real pyenv install of that minor (base-missing would relink to it): the stable
        // opt path comes first, and recreate after.
        var pyenv = new BaseInterpreter(brew.Python.Executable, brew.Python.Version.ToString(), "pyenv", PrivateBase.PrefixOf(brew.Python));
        var after = Diagnose(env, interpreters: [pyenv]);
        var error = after.Single(FindingCodes.BaseVersionedFolder);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Equal("false", error.Data["exists"]);
        Assert.Equal(brew.StableExecutable, error.Data["stable"]);
        Assert.Equal(Health.Broken, after.Health);
        Assert.Equal(FindingCodes.BaseVersionedFolder, after.Findings[0].Code);
        Assert.Equal((RepairActions.RelinkBase, brew.StableExecutable), (after.Suggestions[0].Action, after.Suggestions[0].Data["base"]));
        Assert.Contains(FindingCodes.BaseMissing, after.Codes());
        Assert.Single(after.Suggestions, s => s.Action == RepairActions.RelinkBase);
        Assert.Contains(after.Suggestions, s => s.Action == RepairActions.Recreate);
    }

    [PyenvFact]
    public void Relink_base_to_opt_records_the_stable_path_everywhere_and_the_venv_runs_and_survives_the_next_upgrade_then_undo_restores_it()
    {
        using var tmp = new TempDir();
        var brew = MakeBrew(tmp);
        var oldKeg = brew.InstallKeg(brew.Python.Version.ToString(), tmp.Combine("staging1"));
        var env = Venvs.Create(brew.Python with { Executable = Path.Combine(oldKeg, "bin", $"python{brew.Python.Minor}") }, tmp.Combine("proj", ".venv"));
        var newKeg = brew.InstallKeg($"{brew.Python.Version}_1", tmp.Combine("staging2"));
        Directory.Delete(oldKeg, recursive: true);
        var broken = TreeSnapshot.Of(env, includeJournal: true);

        var plan = new RelinkBaseAction().Plan(new RepairRequest(env) { Base = brew.StableExecutable }, CancellationToken.None);
        Engine.Apply(plan, null, CancellationToken.None);

        var cfg = File.ReadAllText(Path.Combine(env, "pyvenv.cfg"));
        Assert.Contains($"home = {Path.Combine(brew.Opt, "bin")}\n", cfg);
        Assert.Contains($"executable = {brew.StableExecutable}\n", cfg);
        Assert.Contains($"command = {brew.StableExecutable} -m venv ", cfg);
        Assert.DoesNotContain("/Cellar/", cfg);
        Assert.Equal(brew.StableExecutable, new FileInfo(Path.Combine(env, "bin", "python")).LinkTarget);
        AssertHealthy(Diagnose(env));
        Proofs.PythonRunsIn(env);
        var basePrefix = Proofs.Exec(Path.Combine(env, "bin", "python"), "-c", "import sys; print(sys.base_prefix)");
        Assert.True(basePrefix.ExitCode == 0, basePrefix.StdErr);

        // The next upgrade leaves the relinked venv working: nothing in it names a keg.
        brew.InstallKeg($"{brew.Python.Version}_2", tmp.Combine("staging3"));
        Directory.Delete(newKeg, recursive: true);
        AssertHealthy(Diagnose(env));
        Proofs.PythonRunsIn(env);

        Engine.Undo(env);
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(broken, "undo");
    }

    [PyenvFact]
    public void Opt_of_another_minor_is_no_stable_target_and_only_recreate_is_offered()
    {
        using var tmp = new TempDir();
        var brew = MakeBrew(tmp);
        var keg = brew.InstallKeg(brew.Python.Version.ToString(), tmp.Combine("staging"));
        var env = Venvs.Create(brew.Python with { Executable = Path.Combine(keg, "bin", $"python{brew.Python.Minor}") }, tmp.Combine("proj", ".venv"));
        // opt/python@3.X leads to an install whose interpreter is another minor (a formula's opt link gone astray).
        File.Delete(brew.Opt);
        Directory.CreateDirectory(Path.Combine(brew.Opt, "bin"));
        File.CreateSymbolicLink(brew.StableExecutable, "/usr/bin/python3.0-not-there");
        Directory.Delete(keg, recursive: true);

        var env2 = Diagnose(env);
        var finding = env2.Single(FindingCodes.BaseVersionedFolder);
        Assert.False(finding.Data.ContainsKey("stable"));
        Assert.Contains("No stable Python", finding.Message);
        Assert.DoesNotContain(env2.Suggestions, s => s.Action == RepairActions.RelinkBase && s.Data["base"] == brew.StableExecutable);
    }

    [PythonFact]
    public void A_store_package_home_seen_on_linux_is_foreign_platform_only()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var cfg = Path.Combine(env, "pyvenv.cfg");
        var home = File.ReadLines(cfg).First(l => l.StartsWith("home", StringComparison.Ordinal));
        File.WriteAllText(cfg, File.ReadAllText(cfg).Replace(home, @"home = C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.12_3.12.2032.0_x64__qbz5n2kfra8p0"));

        var codes = Diagnose(env).Codes().ToList();

        Assert.Contains(FindingCodes.ForeignPlatform, codes);
        Assert.DoesNotContain(FindingCodes.BaseVersionedFolder, codes);
    }
}
