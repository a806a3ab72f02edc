using VenvDoctor.Core.Diagnosis.Rules;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Tests.Support;
using static VenvDoctor.Core.Tests.Anatomy.EditableLinkTreeTests;
using static VenvDoctor.Core.Tests.Diagnosis.DiagnosisTestKit;

namespace VenvDoctor.Core.Tests.Diagnosis;

/// <summary>
/// editable-stale for setuptools strict-mode installs, on a real venv with a hand-built link tree: a tree that exists
/// but whose links dangle, a tree that is gone; and the reinstall-editable plan, which rewrites neither.
/// </summary>
public class EditableLinkTreeStaleTests
{
    [PythonFact]
    public void A_link_tree_that_exists_but_links_into_the_old_project_is_editable_stale()
    {
        using var tmp = new TempDir();
        var (venv, pth) = VenvWithPth(tmp);
        var project = tmp.Combine("my proj");
        var tree = BuildStrictProject(project);
        File.WriteAllText(pth, tree + "\n");
        AssertHealthy(Diagnose(venv));

        var moved = tmp.Combine("my proj moved");
        Directory.Move(project, moved);
        var movedTree = Path.Combine(moved, "build", Path.GetFileName(tree));
        // What a record-only rewrite leaves: the .pth names the moved tree, which exists, and whose links name the old files.
        File.WriteAllText(pth, movedTree + "\n");
        var env = Diagnose(venv);

        var f = env.Single(FindingCodes.EditableStale);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal(pth, f.Data["file"]);
        Assert.Equal(project, f.Data["recordedPath"]);
        Assert.Equal("pkg", f.Data["distribution"]);
        Assert.Equal(movedTree, f.Data["linkTree"]);
        Assert.Equal("2", f.Data["danglingLinks"]);
        Assert.Equal(EditableStaleRule.StrictMode, f.Data[EditableStaleRule.EditableModeKey]);
        Assert.Contains("still point at the old project folder", f.Message);
        var s = Assert.Single(env.Suggestions);
        Assert.Equal(RepairActions.ReinstallEditable, s.Action);
        Assert.Equal(EditableStaleRule.StrictMode, s.Data[EditableStaleRule.EditableModeKey]);
        Assert.Contains("--config-settings editable_mode=strict", s.Title);

        // The plan does not rewrite anything: the tree is outside the environment; the note says how pip rebuilds it.
        var plan = new ReinstallEditableAction().Plan(new RepairRequest(venv) { Distribution = "pkg" }, CancellationToken.None);
        Assert.Empty(plan.Edits);
        var note = Assert.Single(plan.Notes);
        Assert.EndsWith($"/bin/python -m pip install -e '{moved}' --config-settings editable_mode=strict", note);
        Assert.Contains("strict editable install", plan.Title);
    }

    [PythonFact]
    public void A_link_tree_that_moved_away_is_editable_stale_and_its_plan_gives_the_pip_command()
    {
        using var tmp = new TempDir();
        var (venv, pth) = VenvWithPth(tmp);
        var project = tmp.Combine("proj");
        var tree = BuildStrictProject(project);
        File.WriteAllText(pth, tree + "\n");
        // A plain editable install beside it, also stale: it is still re-pointed as before.
        var plainSite = Path.GetDirectoryName(pth)!;
        var oldSrc = tmp.Combine("plain", "src");
        File.WriteAllText(Path.Combine(plainSite, "__editable__.plain-1.0.pth"), oldSrc + "\n");
        Directory.Move(project, tmp.Combine("proj2"));

        var env = Diagnose(venv);

        var strict = Assert.Single(env.Findings, f => f.Code == FindingCodes.EditableStale && f.Data["distribution"] == "pkg");
        Assert.Equal(tree, strict.Data["recordedPath"]);
        Assert.Equal(EditableStaleRule.StrictMode, strict.Data[EditableStaleRule.EditableModeKey]);
        var plain = Assert.Single(env.Findings, f => f.Code == FindingCodes.EditableStale && f.Data["distribution"] == "plain");
        Assert.False(plain.Data.ContainsKey(EditableStaleRule.EditableModeKey));

        var plan = new ReinstallEditableAction().Plan(new RepairRequest(venv) { Source = tmp.Combine("proj2") }, CancellationToken.None);
        var edit = Assert.Single(plan.Edits);
        Assert.EndsWith("__editable__.plain-1.0.pth", edit.Path);
        Assert.Contains(plan.Notes, n => n.StartsWith("pkg is a strict editable install") && n.EndsWith($"-m pip install -e {tmp.Combine("proj2")} --config-settings editable_mode=strict"));
    }

    private static (string Venv, string Pth) VenvWithPth(TempDir tmp)
    {
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var site = Path.Combine(Directory.EnumerateDirectories(Path.Combine(venv, "lib")).Single(), "site-packages");
        return (venv, Path.Combine(site, "__editable__.pkg-1.0.pth"));
    }
}
