using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Settings;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Settings;

public class InterpreterSettingsCheckerTests
{
    private static void WriteSettings(string root, string json)
    {
        Directory.CreateDirectory(Path.Combine(root, ".vscode"));
        File.WriteAllText(Path.Combine(root, ".vscode", "settings.json"), json);
    }

    [PythonFact]
    public void Setting_with_comments_and_trailing_commas_that_resolves()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine(".venv"));
        WriteSettings(tmp.Path, """
            {
              // the project's interpreter
              "python.defaultInterpreterPath": "${workspaceFolder}/.venv/bin/python", /* block */
              "editor.tabSize": 4,
            }
            """);
        var s = Assert.Single(InterpreterSettingsChecker.Check(tmp.Path, [new EnvironmentDiagnoser().Diagnose(venv)]));
        Assert.True(s.Resolves);
        Assert.Null(s.Suggestion);
        Assert.Equal("python.defaultInterpreterPath", s.Key);
        Assert.Equal("${workspaceFolder}/.venv/bin/python", s.Value);
    }

    [PythonFact]
    public void Setting_left_at_a_moved_venv_suggests_where_it_went()
    {
        using var tmp = new TempDir();
        var old = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        WriteSettings(tmp.Path, "{ \"python.defaultInterpreterPath\": \"env/bin/python\", }");
        // Another healthy environment in the folder must not win over the one that moved.
        var other = Venvs.Create(Pythons.Any!, tmp.Combine("a-other"));
        var now = tmp.Combine("renamed");
        Directory.Move(old, now);
        var diagnoser = new EnvironmentDiagnoser();
        var environments = new[] { diagnoser.Diagnose(other), diagnoser.Diagnose(now) };
        Assert.Contains(environments[1].Findings, f => f.Code == FindingCodes.Moved);

        var s = Assert.Single(InterpreterSettingsChecker.Check(tmp.Path, environments));
        Assert.False(s.Resolves);
        Assert.Equal(Path.Combine(now, "bin", "python"), s.Suggestion);
    }

    [PythonFact]
    public void Workspace_file_legacy_key_pointing_nowhere_suggests_the_best_environment_in_the_folder()
    {
        using var tmp = new TempDir();
        var broken = Venvs.Create(Pythons.Any!, tmp.Combine("a-broken"));
        File.Delete(Path.Combine(broken, "pyvenv.cfg"));
        var deep = Directory.CreateDirectory(tmp.Combine("sub", "dir")).FullName;
        var good = Venvs.Create(Pythons.Any!, Path.Combine(deep, ".venv"));
        var shallow = Venvs.Create(Pythons.Any!, tmp.Combine("z-venv"));
        File.WriteAllText(tmp.Combine("proj.code-workspace"), """
            { "folders": [ { "path": "." }, ],
              "settings": { "python.pythonPath": "~/nonexistent-vd-interpreter/bin/python", }, }
            """);
        var diagnoser = new EnvironmentDiagnoser();
        var environments = new[] { broken, good, shallow }.Select(p => diagnoser.Diagnose(p)).ToList();

        var s = Assert.Single(InterpreterSettingsChecker.Check(tmp.Path, environments));
        Assert.Equal(tmp.Combine("proj.code-workspace"), s.File);
        Assert.Equal("python.pythonPath", s.Key);
        Assert.False(s.Resolves);
        // Healthy beats broken; closer to the folder beats deeper.
        Assert.Equal(Path.Combine(shallow, "bin", "python"), s.Suggestion);
    }

    [Fact]
    public void Invalid_json_or_no_setting_gives_nothing()
    {
        using var tmp = new TempDir();
        WriteSettings(tmp.Path, "{ \"python.defaultInterpreterPath\": ");
        Assert.Empty(InterpreterSettingsChecker.Check(tmp.Path, []));
        WriteSettings(tmp.Path, "{ \"editor.tabSize\": 2 }");
        Assert.Empty(InterpreterSettingsChecker.Check(tmp.Path, []));
    }

    [Fact]
    public void Expands_variables_home_and_relative_paths()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal("/w/.venv/bin/python", SettingVariables.Expand("${workspaceFolder}/.venv/bin/python", "/w"));
        Assert.Equal("/w/.venv/bin/python", SettingVariables.Expand(".venv/bin/python", "/w"));
        Assert.Equal("/w/x", SettingVariables.Expand("${workspaceFolder:proj}/x", "/w"));
        Assert.Equal(Path.Combine(home, "v/bin/python"), SettingVariables.Expand("~/v/bin/python", "/w"));
        Assert.Equal(Path.Combine(home, "v"), SettingVariables.Expand("${userHome}/v", "/w"));
    }

    [Fact]
    public void Expands_any_environment_variable_and_leaves_an_unset_one_empty()
    {
        var env = new Dictionary<string, string> { ["VENVS"] = "/opt/venvs" };
        Assert.Equal("/opt/venvs/app/bin/python", SettingVariables.Expand("${env:VENVS}/app/bin/python", "/w", env.GetValueOrDefault));
        Assert.Equal("/app/bin/python", SettingVariables.Expand("${env:UNSET}/app/bin/python", "/w", env.GetValueOrDefault));
        Assert.Equal("/w/${unknown}/x", SettingVariables.Expand("${unknown}/x", "/w", env.GetValueOrDefault));
    }
}
