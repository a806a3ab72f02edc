using System.Text.Json;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Hostile;

/// <summary>
/// A cloned workspace someone else wrote: <c>ws/.venv</c> is a real venv made by a real interpreter and then moved
/// (so it has something to repair), beside an <c>outside/</c> folder of files that no repair may touch, and this
/// run's own state folder. <see cref="Surroundings"/> hashes everything but the environment and the state folder,
/// so a case can prove that nothing outside the environment changed.
/// </summary>
internal sealed class HostileWorkspace : IDisposable
{
    private readonly TempDir tmp = new("vd-hostile");

    public string Root => tmp.Path;
    public string Workspace { get; }
    public string Env { get; }
    public string Outside { get; }
    public string State { get; }

    public HostileWorkspace()
    {
        Outside = tmp.Combine("outside");
        Directory.CreateDirectory(Path.Combine(Outside, ".vscode"));
        Directory.CreateDirectory(Path.Combine(Outside, "bin"));
        File.WriteAllText(Path.Combine(Outside, "victim.txt"), "precious\n");
        File.WriteAllText(Path.Combine(Outside, ".vscode", "settings.json"), "{\n  // someone else's settings\n  \"editor.tabSize\": 8\n}\n");
        File.WriteAllText(Path.Combine(Outside, "bin", "activate"), "# not this environment's\n");
        State = tmp.Combine("state");
        var made = tmp.Combine("made-here", ".venv");
        Directory.CreateDirectory(Path.GetDirectoryName(made)!);
        Venvs.Create(Pythons.Any!, made);
        Venvs.WriteConsoleScript(made, "tool", Path.Combine(made, "bin", "python"));
        Workspace = tmp.Combine("ws");
        Directory.CreateDirectory(Workspace);
        Env = Path.Combine(Workspace, ".venv");
        Directory.Move(made, Env);
        Directory.Delete(tmp.Combine("made-here"));
    }

    /// <summary>Every file, link and mode around the environment (the environment and our state folder left out).</summary>
    public TreeSnapshot Surroundings() =>
        TreeSnapshot.Of(Root, includeJournal: true, leaveOut: [Path.GetRelativePath(Root, Env), Path.GetRelativePath(Root, State)]);

    private Dictionary<string, string?> StateEnvironment => new() { ["VENV_DOCTOR_STATE_DIR"] = State };

    /// <summary>
    /// Runs a verb of the real sidecar with this workspace's state folder, under the verb's memory and time bound
    /// (<see cref="ResourceBound"/>): passing it fails the case.
    /// </summary>
    public Task<CliResult> Cli(params string[] args) =>
        SidecarProcess.RunCliAsync(args, timeout: ResourceBound.ForVerb(args[0]).MaxWallTime, environment: StateEnvironment, bound: ResourceBound.ForVerb(args[0]));

    /// <summary><c>watch</c> of these folders with this workspace's state folder, under watch's bound (checked when disposed).</summary>
    public WatchProcess Watch(params string[] args) => WatchProcess.Start(args, StateEnvironment, ResourceBound.Watch);

    /// <summary>
    /// The real sidecar serving this workspace (its only workspace folder), with this workspace's state folder, under
    /// serve's bound: killed the moment it passes 256 MiB resident, and the case fails when it is disposed.
    /// </summary>
    public async Task<SidecarProcess> StartSidecarAsync()
    {
        var sidecar = await SidecarProcess.StartAsync(environment: StateEnvironment, bound: ResourceBound.Serve);
        try
        {
            await sidecar.InitializeAsync([Workspace]);
            return sidecar;
        }
        catch
        {
            await sidecar.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Plants a journal as a hostile folder would ship it: <c>.venv-doctor/journal/ID/manifest.json</c> with these
    /// entries, one saved "original" per file entry, and optionally the committed marker.
    /// </summary>
    public string PlantJournal(string id, IEnumerable<object> entries, bool committed, IEnumerable<string>? createdFolders = null)
    {
        var folder = Path.Combine(Env, ".venv-doctor", "journal", id);
        Directory.CreateDirectory(Path.Combine(folder, "originals"));
        File.WriteAllText(Path.Combine(folder, "originals", "0"), "planted content\n");
        var manifest = new Dictionary<string, object?>
        {
            ["formatVersion"] = 1, ["id"] = id, ["action"] = "relocate", ["title"] = "planted", ["created"] = "2026-01-01T00:00:00Z",
            ["environmentPath"] = Env, ["entries"] = entries.ToList(), ["createdFolders"] = (createdFolders ?? []).ToList(),
        };
        File.WriteAllText(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(manifest));
        if (committed) File.WriteAllText(Path.Combine(folder, "committed"), "2026-01-01T00:00:00Z");
        return folder;
    }

    public static object FileEntry(string path) => new Dictionary<string, string> { ["path"] = path, ["operation"] = "write", ["before"] = "file", ["saved"] = "originals/0" };

    public static object AbsentEntry(string path) => new Dictionary<string, string> { ["path"] = path, ["operation"] = "create", ["before"] = "absent" };

    public void Dispose() => tmp.Dispose();
}
