using System.Text;
using System.Text.Json;
using VenvDoctor.Core.Tests.Diagnosis;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Hostile;

/// <summary>
/// Special files, huge files, links out of the environment, hard links, loops and deep nesting, each run through
/// every verb under the harness's memory and time bound (<see cref="ResourceBound"/>): a file that is not a small
/// regular one is refused with its reason (the finding its role implies), never read, never a hang.
/// </summary>
public sealed class BoundedReadTests
{
    /// <summary>Replaces <paramref name="path"/> with a file of the given hostile kind; returns the reason the sidecar must give.</summary>
    private static string Plant(string path, string kind)
    {
        File.Delete(path);
        switch (kind)
        {
            case "dev-zero":
                File.CreateSymbolicLink(path, "/dev/zero");
                return "is a character device, not a regular file";
            case "fifo":
                Run.Checked("mkfifo", path);
                return "is a FIFO, not a regular file";
            case "socket":
                // Bound by another process: .NET removes the file of a socket it bound when the socket closes.
                Run.Checked(Pythons.Any!.Executable, "-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path);
                return "is a socket, not a regular file";
            case "huge":
                using (var fs = new FileStream(path, FileMode.CreateNew)) fs.SetLength(200L << 20); // sparse: 200 MB of zeros
                return "is larger than the";
            case "loop":
                File.CreateSymbolicLink(path, Path.GetFileName(path)); // a link to itself
                return "is a loop of symlinks, not a regular file";
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    [PythonTheory]
    [InlineData("dev-zero")]
    [InlineData("fifo")]
    [InlineData("socket")]
    [InlineData("huge")]
    [InlineData("loop")]
    public async Task A_pyvenv_cfg_that_is_not_a_small_regular_file_is_config_invalid_under_every_verb(string kind)
    {
        using var ws = new HostileWorkspace();
        var reason = Plant(Path.Combine(ws.Env, "pyvenv.cfg"), kind);

        var run = await EveryVerb.RunAsync(ws, apply: true, "--action", "regenerate-config");

        var listed = EveryVerb.Environment(run.ServeList, ws.Env);
        Assert.Contains("config-invalid", EveryVerb.Codes(listed));
        Assert.Contains(listed.GetProperty("findings").EnumerateArray(), f => f.GetProperty("message").GetString()!.Contains(reason));
        Assert.Equal("ready", run.WatchReady.GetProperty("event").GetString());
        Assert.Contains($"config-invalid: pyvenv.cfg cannot be read: it {reason}", run.Scan.StdOut);
        if (kind == "huge")
        {
            // A regular file over the cap is replaced (its original kept by the journal) without being read.
            Assert.Contains($"The old pyvenv.cfg {reason} 64 KiB read of such a file: it is replaced without being read", run.DryRun.StdOut);
            Assert.Contains("pyvenv.cfg", run.Repair!.StdErr + run.Repair.StdOut);
            Assert.True(run.Undo!.ExitCode == 0, run.Undo.StdErr);
        }
        else
        {
            // Anything else is not ours to delete or write through: refused at plan time, in the dry run too.
            foreach (var refused in new[] { run.DryRun, run.Repair! })
            {
                Assert.Equal(1, refused.ExitCode);
                Assert.Contains("regenerate-config replaces only a regular pyvenv.cfg: remove it, then repair again", refused.StdErr);
            }
            Assert.Contains("has no repair to undo", run.Undo!.StdErr);
        }
    }

    [PythonTheory]
    [InlineData("fifo")]
    [InlineData("dev-zero")]
    public async Task A_base_whose_version_file_is_a_fifo_or_a_device_is_described_without_it(string kind)
    {
        using var ws = new HostileWorkspace();
        var python = Pythons.Any!;
        // A base of our own outside the environment (the real ones are not ours to plant files in): its interpreter a
        // copy of the real one's file (never run), its stdlib marker, and its patchlevel.h a FIFO or /dev/zero.
        var prefix = Path.Combine(ws.Outside, "base");
        var exe = Path.Combine(prefix, "bin", "python" + python.Minor);
        Directory.CreateDirectory(Path.GetDirectoryName(exe)!);
        File.Copy(Path.GetFullPath(new FileInfo(python.Executable).ResolveLinkTarget(true)?.FullName ?? python.Executable), exe);
        Directory.CreateDirectory(Path.Combine(prefix, "lib", "python" + python.Minor, "encodings"));
        Directory.CreateDirectory(Path.Combine(prefix, "include", "python" + python.Minor));
        Plant(Path.Combine(prefix, "include", "python" + python.Minor, "patchlevel.h"), kind);
        foreach (var link in Directory.GetFiles(Path.Combine(ws.Env, "bin"), "python*").Where(f => new FileInfo(f).LinkTarget is { } t && Path.IsPathRooted(t)))
        {
            File.Delete(link);
            File.CreateSymbolicLink(link, exe);
        }
        var cfg = Path.Combine(ws.Env, "pyvenv.cfg");
        File.WriteAllLines(cfg, File.ReadAllLines(cfg).Select(l => l.StartsWith("home") ? $"home = {Path.GetDirectoryName(exe)}" : l));

        var run = await EveryVerb.RunAsync(ws, apply: false, "--action", "regenerate-config", "--base", exe);

        Assert.Equal("ready", run.WatchReady.GetProperty("event").GetString());
        EveryVerb.Environment(run.ServeList, ws.Env);
        Assert.Contains(ws.Env, run.Scan.StdOut);
        Assert.Equal(0, run.DryRun.ExitCode);
        Assert.Contains("patch version could not be read from its files", run.DryRun.StdOut);
    }

    [PythonFact]
    public async Task Links_out_of_the_environment_are_never_written_through()
    {
        using var ws = new HostileWorkspace();
        var bin = Path.Combine(ws.Env, "bin");
        var activateCopy = Path.Combine(ws.Outside, "their-activate");
        File.Copy(Path.Combine(bin, "activate"), activateCopy);
        File.Delete(Path.Combine(bin, "activate"));
        File.CreateSymbolicLink(Path.Combine(bin, "activate"), activateCopy);
        var sitePackages = Directory.GetDirectories(Path.Combine(ws.Env, "lib")).Single() + "/site-packages";
        File.CreateSymbolicLink(Path.Combine(sitePackages, "escape.pth"), Path.Combine(ws.Outside, "victim.txt"));
        File.CreateSymbolicLink(Path.Combine(sitePackages, "escape"), ws.Outside);
        File.CreateSymbolicLink(Path.Combine(ws.Env, "pyvenv.cfg.outside"), "/etc/passwd");

        var run = await EveryVerb.RunAsync(ws, apply: true);

        Assert.Equal("ready", run.WatchReady.GetProperty("event").GetString());
        Assert.Contains("moved", EveryVerb.Codes(EveryVerb.Environment(run.ServeList, ws.Env)));
    }

    [PythonFact]
    public async Task Hard_links_to_files_outside_are_replaced_never_written_in_place()
    {
        using var ws = new HostileWorkspace();
        var bin = Path.Combine(ws.Env, "bin");
        foreach (var name in new[] { "activate", "tool" })
        {
            var outside = Path.Combine(ws.Outside, "hard-" + name);
            File.Copy(Path.Combine(bin, name), outside);
            File.Delete(Path.Combine(bin, name));
            Run.Checked("ln", outside, Path.Combine(bin, name)); // one file, two names: one of them outside
        }

        string? repaired = null;
        var run = await EveryVerb.RunAsync(ws, apply: true, afterRepair: () => repaired = File.ReadAllText(Path.Combine(bin, "activate")));

        Assert.True(run.Repair!.ExitCode is 0 or 1, run.Repair.StdErr);
        // The repair did rewrite the script (as a new file): the name inside names the new place, the one outside the old.
        Assert.Contains(ws.Env, repaired);
        Assert.DoesNotContain(ws.Env, File.ReadAllText(Path.Combine(ws.Outside, "hard-activate")));
        Assert.True(run.Undo!.ExitCode == 0, run.Undo.StdErr);
    }

    [PythonFact]
    public async Task Symlink_loops_inside_and_around_the_environment_end_every_walk()
    {
        using var ws = new HostileWorkspace();
        File.CreateSymbolicLink(Path.Combine(ws.Workspace, "loop"), ws.Workspace);
        File.CreateSymbolicLink(Path.Combine(ws.Workspace, "a"), Path.Combine(ws.Workspace, "b"));
        File.CreateSymbolicLink(Path.Combine(ws.Workspace, "b"), Path.Combine(ws.Workspace, "a"));
        File.CreateSymbolicLink(Path.Combine(ws.Env, "lib", "loop"), ws.Env);
        File.CreateSymbolicLink(Path.Combine(ws.Env, "bin", "python3-loop"), "python3-loop");

        var run = await EveryVerb.RunAsync(ws, apply: true);

        Assert.Equal("ready", run.WatchReady.GetProperty("event").GetString());
        Assert.Single(run.ServeList.GetProperty("environments").EnumerateArray(), e => e.GetProperty("path").GetString() == ws.Env);
    }

    [PythonFact]
    public async Task Deep_folders_and_deeply_nested_settings_are_read_or_reported_never_skipped_in_silence()
    {
        using var ws = new HostileWorkspace();
        var deep = Path.Combine([ws.Workspace, "deep", .. Enumerable.Repeat("d", 1000)]);
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "pyvenv.cfg"), "home = /nowhere\n");
        var stale = Path.Combine(ws.Root, "gone", "bin", "python");
        Directory.CreateDirectory(Path.Combine(ws.Workspace, ".vscode"));
        // Nested past what is read (1024 levels): reported with the reason.
        File.WriteAllText(Path.Combine(ws.Workspace, ".vscode", "settings.json"),
            $"{{\"python.defaultInterpreterPath\": {JsonSerializer.Serialize(stale)}, \"x\": {new string('[', 3000)}{new string(']', 3000)}}}");
        // Nested deeper than System.Text.Json's default of 64, which was once skipped in silence: read and checked.
        File.WriteAllText(Path.Combine(ws.Workspace, "project.code-workspace"),
            $"{{\"folders\": [], \"x\": {new string('[', 200)}{new string(']', 200)}, \"settings\": {{\"python.defaultInterpreterPath\": {JsonSerializer.Serialize(stale)}}}}}");

        var run = await EveryVerb.RunAsync(ws, apply: true);
        var json = await ws.Cli("scan", ws.Workspace, "--json");

        var settings = JsonDocument.Parse(json.StdOut).RootElement.GetProperty("settings").EnumerateArray().ToList();
        var tooDeep = Assert.Single(settings, s => s.GetProperty("file").GetString()!.EndsWith("settings.json"));
        Assert.Equal("is nested deeper than the 1024 levels read", tooDeep.GetProperty("unreadable").GetString());
        var workspaceFile = Assert.Single(settings, s => s.GetProperty("file").GetString()!.EndsWith(".code-workspace"));
        Assert.Equal(stale, workspaceFile.GetProperty("value").GetString());
        Assert.False(workspaceFile.GetProperty("resolves").GetBoolean());
        Assert.Contains("IDE settings files not checked:", run.Scan.StdOut);
        Assert.Contains("settings.json: it is nested deeper than the 1024 levels read", run.Scan.StdOut);
        Assert.Contains(run.ServeList.GetProperty("settings").EnumerateArray(), s => s.GetProperty("unreadable").GetString() is { } u && u.Contains("1024"));
    }

    [PythonTheory]
    [InlineData("fifo")]
    [InlineData("dev-zero")]
    [InlineData("huge")]
    public async Task Settings_files_that_are_not_small_regular_files_are_reported_with_the_reason(string kind)
    {
        using var ws = new HostileWorkspace();
        Directory.CreateDirectory(Path.Combine(ws.Workspace, ".vscode"));
        var file = Path.Combine(ws.Workspace, ".vscode", "settings.json");
        File.WriteAllText(file, "");
        var reason = Plant(file, kind);

        var list = await EveryVerb.ServeListAsync(ws);
        var scan = await ws.Cli("scan", ws.Workspace, "--json");

        EveryVerb.AssertOneLine(scan, "scan", 0, 1);
        var reported = Assert.Single(JsonDocument.Parse(scan.StdOut).RootElement.GetProperty("settings").EnumerateArray());
        Assert.Contains(reason, reported.GetProperty("unreadable").GetString());
        Assert.Contains(list.GetProperty("settings").EnumerateArray(), s => s.GetProperty("unreadable").GetString() is { } u && u.Contains(reason));
    }

    [PythonTheory]
    [InlineData("fifo")]
    [InlineData("dev-zero")]
    [InlineData("huge")]
    public async Task Install_metadata_that_cannot_be_read_is_named_in_the_recreate_plan_not_dropped(string kind)
    {
        using var ws = new HostileWorkspace();
        var sitePackages = Directory.GetDirectories(Path.Combine(ws.Env, "lib")).Single() + "/site-packages";
        var dist = Path.Combine(sitePackages, "planted-1.0.dist-info");
        Directory.CreateDirectory(dist);
        var metadata = Path.Combine(dist, "METADATA");
        File.WriteAllText(metadata, "");
        var reason = Plant(metadata, kind);
        var record = Path.Combine(dist, "RECORD");
        File.WriteAllText(record, "");
        Plant(record, kind);
        var before = ws.Surroundings();

        var dry = await ws.Cli("repair", ws.Env, "--action", "recreate", "--dry-run", "--json");

        EveryVerb.AssertOneLine(dry, "repair --dry-run", 0);
        var notes = JsonDocument.Parse(dry.StdOut).RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains($"skipped: not reinstalled because {metadata} {reason}", notes.Select(n => n.Replace(" 4 MiB read of such a file", "")));
        var list = await EveryVerb.ServeListAsync(ws);
        Assert.Contains("moved", EveryVerb.Codes(EveryVerb.Environment(list, ws.Env)));
        ws.Surroundings().AssertSameAs(before, "nothing outside changed");
    }

    [NotRootPythonFact]
    public async Task Unreadable_folders_in_the_workspace_and_the_environment_are_skipped_with_the_reason()
    {
        using var ws = new HostileWorkspace();
        var hidden = Path.Combine(ws.Workspace, "private");
        Directory.CreateDirectory(Path.Combine(hidden, ".venv"));
        var sitePackages = Directory.GetDirectories(Path.Combine(ws.Env, "lib")).Single() + "/site-packages";
        var lockedDist = Path.Combine(sitePackages, "locked-1.0.dist-info");
        Directory.CreateDirectory(lockedDist);
        File.WriteAllText(Path.Combine(lockedDist, "METADATA"), "Metadata-Version: 2.1\nName: locked\nVersion: 1.0\n\n");
        File.SetUnixFileMode(hidden, UnixFileMode.None);
        File.SetUnixFileMode(lockedDist, UnixFileMode.None);
        try
        {
            var run = await EveryVerb.RunAsync(ws, apply: true);

            Assert.Equal("ready", run.WatchReady.GetProperty("event").GetString());
            Assert.Contains($"{Path.GetFileName(ws.Workspace)}/private: permission denied", run.Scan.StdOut);
            Assert.Contains("moved", EveryVerb.Codes(EveryVerb.Environment(run.ServeList, ws.Env)));
        }
        finally
        {
            File.SetUnixFileMode(hidden, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(lockedDist, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}

/// <summary>A Python test that only a user the mode bits apply to can run: root reads through them, so nothing would be unreadable.</summary>
public sealed class NotRootPythonFactAttribute : FactAttribute
{
    public NotRootPythonFactAttribute()
    {
        if (Pythons.Any is null) Skip = "No Python 3.8+ found on this machine (looked in $PYENV_ROOT/versions and /usr/bin)";
        else if (Environment.UserName == "root") Skip = "Runs as root, which reads through permission bits: an unreadable folder cannot be made";
    }
}
