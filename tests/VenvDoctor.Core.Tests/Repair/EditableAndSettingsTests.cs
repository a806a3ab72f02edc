using System.Text.Json;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Repair.Rewriting;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>reinstall-editable after a project moved with its .venv; repoint-interpreter's minimal JSONC edits.</summary>
public sealed class EditableAndSettingsTests
{
    private readonly RepairEngine Engine = new TestJournals().Engine();

    [PythonFact("3.11")]
    public void A_project_moved_with_its_venv_gets_its_editable_install_back()
    {
        var python = Pythons.Find("3.11")!;
        using var tmp = new TempDir();
        var project = tmp.Combine("proj");
        Directory.CreateDirectory(Path.Combine(project, "mypkg"));
        File.WriteAllText(Path.Combine(project, "setup.py"), "from setuptools import setup\nsetup(name='mypkg', version='1.0', packages=['mypkg'], entry_points={'console_scripts': ['mytool=mypkg:main']})\n");
        File.WriteAllText(Path.Combine(project, "mypkg", "__init__.py"), "import os\ndef main(): print(os.path.dirname(__file__))\n");
        var env = Venvs.Create(python, Path.Combine(project, ".venv"), withPip: true);
        var develop = Run.Process(Path.Combine(env, "bin", "python"), ["setup.py", "develop"], workingDirectory: project);
        Assert.True(develop.ExitCode == 0, develop.StdErr);
        var moved = tmp.Combine("proj moved");
        Directory.Move(project, moved);
        var movedEnv = Path.Combine(moved, ".venv");

        // One relocate: the scripts, and the legacy editable records (mypkg.egg-link, easy-install.pth) that point
        // into the project, which moved with the environment.
        var plan = new RelocateAction().Plan(new RepairRequest(movedEnv), CancellationToken.None);
        Assert.Contains(plan.Edits, e => e.Path.EndsWith("mypkg.egg-link"));
        Engine.Apply(plan, null, CancellationToken.None);

        var tool = Proofs.Exec(Path.Combine(movedEnv, "bin", "mytool"));
        Assert.True(tool.ExitCode == 0, tool.StdErr);
        Assert.Equal(Path.Combine(moved, "mypkg"), tool.StdOut.Trim());
        Assert.True(new ReinstallEditableAction().Plan(new RepairRequest(movedEnv), CancellationToken.None).IsEmpty, "nothing left to reinstall");
    }

    private const string Settings = """
        {
            // my editor settings
            "editor.fontSize": 14, /* keep me */
            "python.defaultInterpreterPath": "/gone/.venv/bin/python",
            "files.exclude": { "**/.git": true, },
        }

        """;

    [Fact]
    public void An_existing_value_is_replaced_in_place_and_nothing_else_changes()
    {
        var updated = JsoncEdit.SetTopLevelString(Settings, "python.defaultInterpreterPath", "/new place/it's/.venv/bin/python");
        Assert.Equal(Settings.Replace("\"/gone/.venv/bin/python\"", "\"/new place/it's/.venv/bin/python\""), updated);
    }

    [Fact]
    public void A_missing_key_is_added_after_the_last_member_with_its_indentation()
    {
        var without = Settings.Replace("    \"python.defaultInterpreterPath\": \"/gone/.venv/bin/python\",\n", "");
        var updated = JsoncEdit.SetTopLevelString(without, "python.defaultInterpreterPath", "/p/bin/python");
        Assert.Equal(without.Replace("\"files.exclude\": { \"**/.git\": true, },", "\"files.exclude\": { \"**/.git\": true, },\n    \"python.defaultInterpreterPath\": \"/p/bin/python\","), updated);
        var doc = JsonDocument.Parse(updated, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        Assert.Equal("/p/bin/python", doc.RootElement.GetProperty("python.defaultInterpreterPath").GetString());
        Assert.Equal(14, doc.RootElement.GetProperty("editor.fontSize").GetInt32());

        var noTrailingComma = JsoncEdit.SetTopLevelString("{\n  \"a\": 1 // one\n}\n", "k", "v");
        Assert.Equal("{\n  \"a\": 1,\n  \"k\": \"v\" // one\n}\n", noTrailingComma);
    }

    [Fact]
    public void Malformed_settings_are_refused_not_rewritten()
    {
        Assert.Throws<RepairException>(() => JsoncEdit.SetTopLevelString("{ \"a\": ", "k", "v"));
        Assert.Throws<RepairException>(() => JsoncEdit.SetTopLevelString("[1, 2]", "k", "v"));
    }

    [PythonFact]
    public void Repoint_creates_or_edits_the_folders_settings_and_undo_removes_what_it_added()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine(".venv"));
        var before = TreeSnapshot.Of(tmp.Path, includeJournal: true);

        Engine.Apply(new RepointInterpreterAction().Plan(new RepairRequest(env) { WorkspaceFolder = tmp.Path }, CancellationToken.None), null, CancellationToken.None);
        var settings = tmp.Combine(".vscode", "settings.json");
        var doc = JsonDocument.Parse(File.ReadAllText(settings));
        Assert.Equal(Path.Combine(env, "bin", "python"), doc.RootElement.GetProperty("python.defaultInterpreterPath").GetString());

        Engine.Undo(env);
        TreeSnapshot.Of(tmp.Path, includeJournal: true).AssertSameAs(before, "undo removes the created settings file and .vscode folder");

        Directory.CreateDirectory(tmp.Combine(".vscode"));
        File.WriteAllText(settings, Settings);
        Engine.Apply(new RepointInterpreterAction().Plan(new RepairRequest(env) { WorkspaceFolder = tmp.Path }, CancellationToken.None), null, CancellationToken.None);
        Assert.Equal(Settings.Replace("/gone/.venv/bin/python", Path.Combine(env, "bin", "python")), File.ReadAllText(settings));
    }
}
