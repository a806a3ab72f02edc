using VenvDoctor.Core.Diagnosis.Rules;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Tests.Repair;
using static VenvDoctor.Core.Tests.Diagnosis.DiagnosisTestKit;
using static VenvDoctor.Core.Tests.Support.EditableProjects;

namespace VenvDoctor.Core.Tests.Diagnosis;

/// <summary>
/// editable-stale on PEP 660 editable installs made by the real pip + setuptools (64+) of this machine: the static
/// <c>__editable__.*.pth</c> of a src layout, the <c>__editable___*_finder.py</c> MAPPING of a flat layout, and the
/// link tree of strict mode — each with the <c>direct_url.json</c> pip writes beside it. The legacy
/// <c>*.egg-link</c> form is in <see cref="LayoutRulesTests"/>.
/// </summary>
public class RealEditableInstallTests
{
    private readonly RepairEngine Engine = new TestJournals().Engine();

    [Pep660Fact]
    public void Src_layout_install_is_a_path_pth_and_is_editable_stale_once_the_project_moves()
    {
        using var tmp = new TempDir();
        var project = tmp.Combine("src proj");
        WriteProject(project, "srcpkg", Path.Combine("src", "srcpkg"), tool: "");
        var venv = InstallEditable(tmp.Combine("env"), project);
        var site = SitePackages(venv);
        // What setuptools writes for a src layout: one path line naming src/, and no finder.
        Assert.Equal([Path.Combine(project, "src")], File.ReadAllLines(Path.Combine(site, "__editable__.srcpkg-1.0.pth")));
        Assert.Empty(Directory.EnumerateFiles(site, "__editable___*_finder.py"));
        AssertHealthy(Diagnose(venv));

        var moved = tmp.Combine("src proj moved");
        Directory.Move(project, moved);
        var env = Diagnose(venv);

        // The .pth names src/, direct_url.json the project folder: both are reported, under the one distribution.
        var stale = StaleRecords(env);
        Assert.Equal(
            [(Path.Combine(site, "__editable__.srcpkg-1.0.pth"), Path.Combine(project, "src")),
             (Path.Combine(site, "srcpkg-1.0.dist-info", "direct_url.json"), project)],
            Records(stale));
        Assert.All(stale, f => Assert.Equal("srcpkg", f.Data["distribution"]));
        AssertReinstallOffered(env, "srcpkg", stale);

        RepairAndImport(venv, moved, "srcpkg", Path.Combine(moved, "src", "srcpkg", "__init__.py"));
    }

    [Pep660Fact]
    public void Flat_layout_install_is_a_finder_mapping_and_is_editable_stale_once_the_project_moves()
    {
        using var tmp = new TempDir();
        var project = tmp.Combine("flat proj");
        // A name part starting with a digit: the finder's file name alone cannot say where name and version meet.
        WriteProject(project, "Flat-3D.Kit", "flat3d", tool: "[tool.setuptools]\npackages = [\"flat3d\"]\n");
        var venv = InstallEditable(tmp.Combine("env"), project);
        var site = SitePackages(venv);
        // What setuptools writes for a flat layout: a .pth that only imports a finder, whose MAPPING holds the package.
        var finder = Path.Combine(site, "__editable___Flat_3D_Kit_1_0_finder.py");
        Assert.Equal("import __editable___Flat_3D_Kit_1_0_finder; __editable___Flat_3D_Kit_1_0_finder.install()",
            File.ReadAllText(Path.Combine(site, "__editable__.Flat_3D.Kit-1.0.pth")).Trim());
        Assert.Contains($"MAPPING = {{'flat3d': '{Path.Combine(project, "flat3d")}'}}", File.ReadAllText(finder));
        AssertHealthy(Diagnose(venv));

        var moved = tmp.Combine("flat proj moved");
        Directory.Move(project, moved);
        var env = Diagnose(venv);

        var stale = StaleRecords(env);
        Assert.Equal(
            [(Path.Combine(site, "Flat_3D.Kit-1.0.dist-info", "direct_url.json"), project),
             (finder, Path.Combine(project, "flat3d"))],
            Records(stale));
        Assert.All(stale, f => Assert.Equal("Flat_3D.Kit", f.Data["distribution"]));
        AssertReinstallOffered(env, "Flat_3D.Kit", stale);

        RepairAndImport(venv, moved, "flat3d", Path.Combine(moved, "flat3d", "__init__.py"));
    }

    [Pep660Fact]
    public void Strict_mode_install_is_a_pth_to_the_projects_link_tree_and_is_editable_stale_once_the_project_moves()
    {
        using var tmp = new TempDir();
        var project = tmp.Combine("strict proj");
        WriteProject(project, "strictpkg", "strictpkg", tool: "[tool.setuptools]\npackages = [\"strictpkg\"]\n");
        var venv = InstallEditable(tmp.Combine("env"), project, "--config-settings", "editable_mode=strict");
        var site = SitePackages(venv);
        // Strict mode links each file into build/__editable__.NAME-VERSION-TAG inside the project, and the .pth names that.
        var linkTree = Assert.Single(File.ReadAllLines(Path.Combine(site, "__editable__.strictpkg-1.0.pth")));
        Assert.StartsWith(Path.Combine(project, "build", "__editable__.strictpkg-1.0-"), linkTree);
        Assert.Empty(Directory.EnumerateFiles(site, "__editable___*_finder.py"));
        AssertHealthy(Diagnose(venv));

        var moved = tmp.Combine("strict proj moved");
        Directory.Move(project, moved);
        var env = Diagnose(venv);

        var stale = StaleRecords(env);
        Assert.Equal([project, linkTree], stale.Select(f => f.Data["recordedPath"]).Order());
        Assert.All(stale, f => Assert.Equal("strictpkg", f.Data["distribution"]));
        AssertReinstallOffered(env, "strictpkg", stale);
        var suggestion = env.Suggestions.Single(s => s.Action == RepairActions.ReinstallEditable);
        Assert.Equal(EditableStaleRule.StrictMode, suggestion.Data[EditableStaleRule.EditableModeKey]);
        Assert.Contains("--config-settings editable_mode=strict", suggestion.Title);

        // The offered plan rewrites nothing (the link tree is the project's, outside the environment) and gives the command.
        var plan = new ReinstallEditableAction().Plan(new RepairRequest(venv) { Distribution = "strictpkg", Source = moved }, CancellationToken.None);
        Assert.Empty(plan.Edits);
        var command = $"{Path.Combine(venv, "bin", "python")} -m pip install -e '{moved}' --config-settings editable_mode=strict";
        Assert.EndsWith(command, Assert.Single(plan.Notes));

        // Re-pointing only the records at the moved tree (what a record-only repair did) leaves an import that finds
        // an empty namespace package: diagnosis must still say stale, naming the folder the links point into.
        var movedTree = Path.Combine(moved, "build", Path.GetFileName(linkTree));
        var pth = Path.Combine(site, "__editable__.strictpkg-1.0.pth");
        File.WriteAllText(pth, movedTree + "\n");
        var directUrl = Path.Combine(site, "strictpkg-1.0.dist-info", "direct_url.json");
        var urlText = File.ReadAllText(directUrl);
        Assert.Contains(new Uri(project).AbsoluteUri + "\"", urlText);
        File.WriteAllText(directUrl, urlText.Replace(new Uri(project).AbsoluteUri + "\"", new Uri(moved).AbsoluteUri + "\""));
        Assert.Equal("None", Import(venv, "strictpkg"));
        var dangling = Assert.Single(StaleRecords(Diagnose(venv)));
        Assert.Equal(pth, dangling.Data["file"]);
        Assert.Equal(project, dangling.Data["recordedPath"]);
        Assert.Equal(movedTree, dangling.Data["linkTree"]);
        Assert.Equal(EditableStaleRule.StrictMode, dangling.Data[EditableStaleRule.EditableModeKey]);

        // The documented reinstall, run for real (offline: no index, no build isolation), rebuilds the tree in place.
        Assert.EndsWith(command, Assert.Single(new ReinstallEditableAction().Plan(new RepairRequest(venv), CancellationToken.None).Notes));
        Run.Checked(Path.Combine(venv, "bin", "python"), ["-m", "pip", "install", "-q", "--no-index", "--find-links", PythonWheels.Folder,
            "--no-build-isolation", "-e", moved, "--config-settings", "editable_mode=strict"]);
        AssertHealthy(Diagnose(venv));
        var imported = Import(venv, "strictpkg");
        Assert.StartsWith(movedTree + Path.DirectorySeparatorChar, imported);
        Assert.Equal(Path.Combine(moved, "strictpkg", "__init__.py"), Import(venv, "strictpkg", "os.path.realpath(strictpkg.__file__)"));
    }

    /// <summary>What the venv's python prints for <paramref name="expression"/> after importing <paramref name="package"/>.</summary>
    private static string Import(string venv, string package, string? expression = null)
    {
        var r = Run.Process(Path.Combine(venv, "bin", "python"), ["-c", $"import os, {package}; print({expression ?? package + ".__file__"})"]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        return r.StdOut.Trim();
    }

    /// <summary>pyproject.toml (setuptools.build_meta, PEP 621 name/version) and an empty package at <paramref name="packageDir"/>.</summary>
    private static List<Finding> StaleRecords(PythonEnvironment env)
    {
        Assert.Equal(Health.Warning, env.Health);
        Assert.All(env.Findings, f => Assert.True(f.Code == FindingCodes.EditableStale || f.Severity == Severity.Info, $"{f.Code}: {f.Message}"));
        return env.Findings.Where(f => f.Code == FindingCodes.EditableStale).ToList();
    }

    /// <summary>(file, recordedPath) of each finding, in ordinal order of the file.</summary>
    private static IEnumerable<(string, string)> Records(List<Finding> stale) =>
        stale.Select(f => (f.Data["file"], f.Data["recordedPath"])).OrderBy(r => r.Item1, StringComparer.Ordinal);

    /// <summary>One reinstall-editable for the distribution, carrying what the repair needs: its name and a recorded source.</summary>
    private static void AssertReinstallOffered(PythonEnvironment env, string distribution, List<Finding> stale)
    {
        var s = Assert.Single(env.Suggestions, s => s.Action == RepairActions.ReinstallEditable);
        Assert.Equal(distribution, s.Data["distribution"]);
        Assert.Contains(s.Data["recordedPath"], stale.Select(f => f.Data["recordedPath"]));
    }

    /// <summary>
    /// Runs the offered repair as a client would (distribution from the suggestion, the new source folder from the
    /// user; it rewrites records only, so no build or network), then proves it with an import by the venv's python.
    /// </summary>
    private void RepairAndImport(string venv, string movedProject, string package, string expectedFile)
    {
        var distribution = Diagnose(venv).Suggestions.Single(s => s.Action == RepairActions.ReinstallEditable).Data["distribution"];
        var plan = new ReinstallEditableAction().Plan(new RepairRequest(venv) { Distribution = distribution, Source = movedProject }, CancellationToken.None);
        Assert.Empty(plan.Notes);
        Engine.Apply(plan, null, CancellationToken.None);

        AssertHealthy(Diagnose(venv));
        var r = Run.Process(Path.Combine(venv, "bin", "python"), ["-c", $"import {package}; print({package}.__file__)"]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal(expectedFile, r.StdOut.Trim());
    }
}
