using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;
using static VenvDoctor.Core.Tests.Support.EditableProjects;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// A project folder renamed with its <c>.venv</c> and the package installed from it (<c>pip install -e .</c>, real pip
/// and setuptools): one relocate fixes the scripts, activation and the editable records, so pip, activation and
/// <c>import</c> work from the new place; undo restores the environment byte for byte.
/// </summary>
public sealed class RelocateMovedProjectTests
{
    private readonly TestJournals journals = new();

    [Pep660Fact]
    public void Src_layout_project_renamed_with_its_venv_is_fixed_by_one_relocate() =>
        RenameRelocateProve("livesrc", Path.Combine("src", "livesrc"), tool: "", Path.Combine("src", "livesrc", "__init__.py"));

    [Pep660Fact]
    public void Flat_layout_project_renamed_with_its_venv_is_fixed_by_one_relocate() =>
        RenameRelocateProve("Flat-Kit", "flatkit", tool: "[tool.setuptools]\npackages = [\"flatkit\"]\n", Path.Combine("flatkit", "__init__.py"));

    [Pep660Fact]
    public void An_editable_source_outside_the_moved_project_is_left_to_reinstall_editable()
    {
        using var tmp = new TempDir();
        var elsewhere = tmp.Combine("libs", "outside");
        WriteProject(elsewhere, "outside", "outside", tool: "[tool.setuptools]\npackages = [\"outside\"]\n");
        var venv = InstallEditable(tmp.Combine("proj", ".venv"), elsewhere);
        Directory.Move(tmp.Combine("proj"), tmp.Combine("renamed"));
        Directory.Move(elsewhere, tmp.Combine("libs", "outside-moved"));
        var moved = tmp.Combine("renamed", ".venv");

        var plan = new RelocateAction().Plan(new RepairRequest(moved), CancellationToken.None);
        journals.Engine().Apply(plan, null, CancellationToken.None);

        var after = new EnvironmentDiagnoser().Diagnose(moved);
        Assert.DoesNotContain(after.Findings, f => f.Code == FindingCodes.Moved);
        Assert.Contains(after.Findings, f => f.Code == FindingCodes.EditableStale && f.Data["recordedPath"].StartsWith(elsewhere, StringComparison.Ordinal));
        Assert.Contains(after.Suggestions, s => s.Action == RepairActions.ReinstallEditable);
    }

    private void RenameRelocateProve(string distribution, string packageDir, string tool, string initRelative)
    {
        using var tmp = new TempDir();
        var project = tmp.Combine("my proj");
        WriteProject(project, distribution, packageDir, tool);
        InstallEditable(Path.Combine(project, ".venv"), project);
        var renamed = tmp.Combine("renamed proj");
        Directory.Move(project, renamed);
        var venv = Path.Combine(renamed, ".venv");
        var before = new EnvironmentDiagnoser().Diagnose(venv);
        Assert.Contains(before.Findings, f => f.Code == FindingCodes.Moved);
        Assert.Contains(before.Findings, f => f.Code == FindingCodes.EditableStale);
        var broken = TreeSnapshot.Of(venv, includeJournal: true);
        var package = Path.GetFileName(Path.GetDirectoryName(Path.Combine(renamed, initRelative)))!;

        var plan = new RelocateAction().Plan(new RepairRequest(venv), CancellationToken.None);
        var engine = journals.Engine();
        engine.Apply(plan, null, CancellationToken.None);

        var after = new EnvironmentDiagnoser().Diagnose(venv);
        Assert.True(after.Health == Health.Ok, string.Join("; ", after.Findings.Select(f => $"{f.Code}: {f.Message}")));
        Proofs.PythonRunsIn(venv);
        Proofs.PipNamesOwnSitePackages(venv);
        Proofs.ActivationWorks(venv);
        var import = Proofs.Exec(Path.Combine(venv, "bin", "python"), "-c", $"import {package}; print({package}.__file__)");
        Assert.True(import.ExitCode == 0, import.StdErr);
        Assert.Equal(Path.Combine(renamed, initRelative), import.StdOut.Trim());
        Assert.True(new RelocateAction().Plan(new RepairRequest(venv), CancellationToken.None).IsEmpty, "one relocate is enough");

        engine.Undo(venv);
        TreeSnapshot.Of(venv, includeJournal: true).AssertSameAs(broken, "undo restores the environment byte for byte");
    }
}
