using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;
using static VenvDoctor.Core.Tests.Diagnosis.DiagnosisTestKit;

namespace VenvDoctor.Core.Tests.Diagnosis;

/// <summary>
/// interpreter-link-missing and restore-interpreter-links on real venvs of every installed interpreter: each name the
/// creator made in bin/, deleted, is found (an error for python, a warning for the others), and the repair puts the
/// links back exactly as a fresh venv of the same interpreter has them; undo removes them again.
/// </summary>
public sealed class InterpreterNamesTests
{
    [PythonTheory]
    [MemberData(nameof(AllPythons), MemberType = typeof(DiagnosisTestKit))]
    public async Task Each_deleted_interpreter_name_is_found_and_restored_as_venv_wrote_it(string executable)
    {
        using var tmp = new TempDir();
        var fresh = Venvs.Create(Python(executable), tmp.Combine("fresh"));
        var names = InterpreterLinks(fresh);
        Assert.Contains("python", names.Keys);
        foreach (var name in names.Keys)
        {
            var venv = Venvs.Create(Python(executable), tmp.Combine("env-" + name));
            var before = TreeSnapshot.Of(venv);
            File.Delete(Path.Combine(venv, "bin", name));
            var after = TreeSnapshot.Of(venv);

            var env = Diagnose(venv);
            var finding = env.Single(FindingCodes.InterpreterLinkMissing);
            // An error when bin/python no longer runs (deleted, or leading to the deleted name), else a warning.
            Assert.Equal(PathResolver.RealPath(Path.Combine(venv, "bin", "python")) is null ? Severity.Error : Severity.Warning, finding.Severity);
            Assert.Equal(name, finding.Data["missing"]);
            Assert.DoesNotContain(FindingCodes.BaseMissing, env.Codes()); // the base is there: only a name is gone
            Assert.Equal(RepairActions.RestoreInterpreterLinks, env.Suggestions[0].Action);

            var service = RepairTestServices.Build();
            var outcome = await service.ApplyAsync(new RepairRequest(venv) { Action = RepairActions.RestoreInterpreterLinks }, null, CancellationToken.None);

            Assert.Equal(Health.Ok, outcome.Diagnosis.Health);
            TreeSnapshot.Of(venv).AssertSameAs(before, "the links are back as venv wrote them");
            Proofs.PythonRunsIn(venv);
            service.Undo(venv, null, null, CancellationToken.None);
            TreeSnapshot.Of(venv, includeJournal: true).AssertSameAs(after, "undo removes what the repair made");
        }
    }

    [PythonFact]
    public void A_healthy_venv_has_every_name_and_no_finding()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var names = InterpreterNames.Of(EnvironmentFactsReader.Read(venv))!;
        Assert.False(names.HasGaps);
        Assert.Equal(["python", "python3", "python" + Pythons.Any!.Minor], names.Expected);
        AssertHealthy(Diagnose(venv));
    }

    [PythonFact]
    public void Every_name_gone_with_the_base_there_is_restorable_from_pyvenv_cfg()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        foreach (var f in Directory.EnumerateFileSystemEntries(Path.Combine(venv, "bin"), "python*")) File.Delete(f);

        var finding = Diagnose(venv).Single(FindingCodes.InterpreterLinkMissing);

        Assert.Equal(Severity.Error, finding.Severity);
        Assert.True(File.Exists(finding.Data["interpreter"]), finding.Data["interpreter"]);
        var plan = RepairTestServices.Build().Plan(new RepairRequest(venv) { Action = RepairActions.RestoreInterpreterLinks }, CancellationToken.None);
        Assert.Equal(3, plan.Edits.Count);
    }

    [Fact]
    public void A_windows_layout_expects_its_launchers_as_data()
    {
        using var tmp = new TempDir();
        var venv = Discovery.Layouts.WindowsVenv(tmp.Combine("win"));
        Assert.Equal(["python.exe", "pythonw.exe"], InterpreterNames.ExpectedNames(EnvironmentFactsReader.Read(venv)));
    }

    /// <summary>Every python* entry of bin/ and its link target as written.</summary>
    private static Dictionary<string, string?> InterpreterLinks(string venv) =>
        Directory.EnumerateFileSystemEntries(Path.Combine(venv, "bin"), "python*")
            .ToDictionary(p => Path.GetFileName(p), p => new FileInfo(p).LinkTarget);
}
