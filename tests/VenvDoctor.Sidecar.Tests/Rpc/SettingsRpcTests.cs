using System.Text.Json;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Rpc;

/// <summary>
/// venv/setInterpreterSetting and venv/expandSetting on the real process: a settings edit outside any environment
/// (a base interpreter) journaled in the state folder and undone byte for byte, by RPC and by the CLI; a
/// .code-workspace edit; the scope rule by real path (a declared root's .vscode/settings.json, never through a link).
/// </summary>
public sealed class SettingsRpcTests
{
    private const string Commented = "{\n    // the team's choice\n    \"editor.tabSize\": 4, /* keep */\n    \"python.defaultInterpreterPath\": \"/gone/.venv/bin/python\",\n}\n";

    private static Dictionary<string, string?> State(TempDir dir) => new() { ["VENV_DOCTOR_STATE_DIR"] = dir.Combine("state") };

    [PythonFact(Timeout = 120_000)]
    public async Task A_base_interpreter_edit_is_journaled_outside_any_environment_and_undone_byte_for_byte()
    {
        using var workspace = new TempDir();
        using var stateDir = new TempDir();
        var settings = workspace.Combine(".vscode", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, Commented);
        var before = File.ReadAllBytes(settings);
        var python = Pythons.Any!.Executable;
        await using (var sidecar = await SidecarProcess.StartAsync(environment: State(stateDir)))
        {
            await sidecar.InitializeAsync([workspace.Path]);
            var set = await sidecar.RequestAsync(Methods.SetInterpreterSetting, new { file = settings, interpreter = python });
            Assert.True(set.GetProperty("applied").GetBoolean());
            Assert.False(string.IsNullOrEmpty(set.GetProperty("journalId").GetString()));
            Assert.Equal("write", Assert.Single(set.GetProperty("plan").GetProperty("edits").EnumerateArray()).GetProperty("operation").GetString());
            var text = File.ReadAllText(settings);
            Assert.Contains($"\"python.defaultInterpreterPath\": {JsonSerializer.Serialize(python)}", text);
            Assert.Contains("// the team's choice", text);
            Assert.Contains("/* keep */", text);
            // No environment holds this journal, and nothing of it is written into the workspace.
            Assert.Empty(Directory.GetFileSystemEntries(workspace.Path, ".venv-doctor", SearchOption.AllDirectories));
            Assert.NotEmpty(Directory.GetFileSystemEntries(stateDir.Combine("state", "settings"), "manifest.json", SearchOption.AllDirectories));

            var undone = await sidecar.RequestAsync(Methods.UndoRepair, new { path = settings });
            Assert.True(undone.GetProperty("restored").GetBoolean());
            Assert.Equal(JsonValueKind.Null, undone.GetProperty("diagnosis").ValueKind);
            Assert.Equal(before, File.ReadAllBytes(settings));
            Assert.Equal(0, await sidecar.ShutdownAsync());
        }

        // The same edit undone from the command line, by naming the settings file.
        await using (var sidecar = await SidecarProcess.StartAsync(environment: State(stateDir)))
        {
            await sidecar.InitializeAsync([workspace.Path]);
            await sidecar.RequestAsync(Methods.SetInterpreterSetting, new { file = settings, interpreter = python });
            Assert.Equal(0, await sidecar.ShutdownAsync());
        }
        Assert.NotEqual(before, File.ReadAllBytes(settings));
        var cli = await SidecarProcess.RunCliAsync(["undo", settings, "--json"], environment: State(stateDir));
        Assert.True(cli.ExitCode == 0, cli.StdErr);
        Assert.True(JsonDocument.Parse(cli.StdOut).RootElement.GetProperty("restored").GetBoolean());
        Assert.Equal(before, File.ReadAllBytes(settings));
        var again = await SidecarProcess.RunCliAsync(["undo", settings], environment: State(stateDir));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no setting edit to undo", again.StdErr);
    }

    [PythonFact(Timeout = 120_000)]
    public async Task A_missing_settings_file_is_created_and_undo_removes_it_and_its_folder()
    {
        using var workspace = new TempDir();
        using var stateDir = new TempDir();
        var settings = workspace.Combine(".vscode", "settings.json");
        await using var sidecar = await SidecarProcess.StartAsync(environment: State(stateDir));
        await sidecar.InitializeAsync([workspace.Path]);
        var set = await sidecar.RequestAsync(Methods.SetInterpreterSetting, new { file = settings, interpreter = Pythons.Any!.Executable });
        Assert.True(set.GetProperty("applied").GetBoolean());
        Assert.True(File.Exists(settings));
        await sidecar.RequestAsync(Methods.UndoRepair, new { path = settings });
        Assert.False(Directory.Exists(workspace.Combine(".vscode")));
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [PythonFact(Timeout = 120_000)]
    public async Task A_code_workspace_file_is_edited_in_its_settings_object_and_undone()
    {
        using var workspace = new TempDir();
        using var stateDir = new TempDir();
        var file = workspace.Combine("team project.code-workspace");
        const string original = "{\n\t\"folders\": [ { \"path\": \".\" } ], // one root\n\t\"settings\": {\n\t\t\"editor.tabSize\": 2\n\t}\n}\n";
        File.WriteAllText(file, original);
        var python = Pythons.Any!.Executable;
        await using var sidecar = await SidecarProcess.StartAsync(environment: State(stateDir));
        await sidecar.InitializeAsync([workspace.Path]);

        var set = await sidecar.RequestAsync(Methods.SetInterpreterSetting, new { file, interpreter = python });
        Assert.True(set.GetProperty("applied").GetBoolean());
        using (var doc = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }))
        {
            var s = doc.RootElement.GetProperty("settings");
            Assert.Equal(python, s.GetProperty("python.defaultInterpreterPath").GetString());
            Assert.Equal(2, s.GetProperty("editor.tabSize").GetInt32());
        }
        Assert.Contains("// one root", File.ReadAllText(file));
        Assert.Contains("\t\t\"editor.tabSize\": 2,\n\t\t\"python.defaultInterpreterPath\"", File.ReadAllText(file));

        var undone = await sidecar.RequestAsync(Methods.UndoRepair, new { path = file, userChosen = true });
        Assert.True(undone.GetProperty("restored").GetBoolean());
        Assert.Equal(original, File.ReadAllText(file));
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [PythonFact(Timeout = 120_000)]
    public async Task Settings_paths_outside_the_declared_roots_are_refused_by_real_path()
    {
        using var workspace = new TempDir();
        using var elsewhere = new TempDir();
        using var stateDir = new TempDir();
        var python = Pythons.Any!.Executable;
        // A folder inside the root is not a root: its settings are not the workspace's to write.
        var nested = workspace.Combine("sub", ".vscode", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(nested)!);
        File.WriteAllText(nested, Commented);
        // A root whose .vscode is a link to another folder: the write would land there.
        var linkedRoot = workspace.Combine("linked");
        Directory.CreateDirectory(linkedRoot);
        Directory.CreateDirectory(elsewhere.Combine("target"));
        File.WriteAllText(elsewhere.Combine("target", "settings.json"), Commented);
        File.CreateSymbolicLink(Path.Combine(linkedRoot, ".vscode"), elsewhere.Combine("target"));
        // A root reached through a symlinked folder resolves outside the declared roots.
        File.CreateSymbolicLink(workspace.Combine("alias"), elsewhere.Path);
        Directory.CreateDirectory(elsewhere.Combine(".vscode"));
        File.WriteAllText(elsewhere.Combine(".vscode", "settings.json"), Commented);

        await using var sidecar = await SidecarProcess.StartAsync(environment: State(stateDir));
        await sidecar.InitializeAsync([workspace.Path, linkedRoot]);

        var notRoot = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.SetInterpreterSetting, new { file = nested, interpreter = python }));
        Assert.Equal(-32602, notRoot.Code);
        var throughAlias = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.SetInterpreterSetting,
            new { file = workspace.Combine("alias", ".vscode", "settings.json"), interpreter = python }));
        Assert.Equal(-32602, throughAlias.Code);
        var linked = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.SetInterpreterSetting,
            new { file = Path.Combine(linkedRoot, ".vscode", "settings.json"), interpreter = python }));
        Assert.Equal(-32803, linked.Code);
        Assert.Contains("is a symlink", linked.Message);
        var notSettings = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.SetInterpreterSetting,
            new { file = workspace.Combine("notes.json"), interpreter = python, userChosen = true }));
        Assert.Equal(-32803, notSettings.Code);

        Assert.Equal(Commented, File.ReadAllText(nested));
        Assert.Equal(Commented, File.ReadAllText(elsewhere.Combine("target", "settings.json")));
        Assert.Equal(Commented, File.ReadAllText(elsewhere.Combine(".vscode", "settings.json")));
        Assert.False(File.Exists(workspace.Combine("notes.json")));
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_sidecar_expands_setting_variables_for_the_client()
    {
        using var workspace = new TempDir();
        using var home = new TempDir(); // the home folder must exist: .NET reads a missing one as none
        var env = new Dictionary<string, string?> { ["VD_TOOLS"] = "/opt/tools", ["HOME"] = home.Path };
        await using var sidecar = await SidecarProcess.StartAsync(environment: env);
        await sidecar.InitializeAsync([workspace.Path]);

        async Task<string> Expand(string value) =>
            (await sidecar.RequestAsync(Methods.ExpandSetting, new { value, folder = workspace.Path })).GetProperty("expanded").GetString()!;

        Assert.Equal(workspace.Combine(".venv", "bin", "python"), await Expand("${workspaceFolder}/.venv/bin/python"));
        Assert.Equal(workspace.Combine(".venv", "bin", "python"), await Expand(".venv/bin/python"));
        Assert.Equal("/opt/tools/py/bin/python", await Expand("${env:VD_TOOLS}/py/bin/python"));
        Assert.Equal(home.Combine("envs", "x", "bin", "python"), await Expand("~/envs/x/bin/python"));
        Assert.Equal(home.Combine("envs", "x", "bin", "python"), await Expand("${userHome}/envs/x/bin/python"));
        Assert.Equal("/bin/python", await Expand("${env:VD_UNSET_FOR_SURE}/bin/python"));
        var bad = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.ExpandSetting, new { value = "x", folder = "relative" }));
        Assert.Equal(-32602, bad.Code);
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }
}
