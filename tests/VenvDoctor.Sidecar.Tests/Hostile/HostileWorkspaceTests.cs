using System.Text.Json;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Hostile;

/// <summary>
/// A repository cloned from someone else, repaired and undone with the real CLI as a user would. Every case hashes
/// the surroundings of the environment before and after (nothing outside may change) and checks that the user got
/// one clear line, not a stack trace.
/// </summary>
public sealed class HostileWorkspaceTests
{
    private const string PlantedId = "20260101T000000000-abcdef";

    private static void AssertClearMessage(CliResult result, string expected)
    {
        Assert.Contains(expected, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr); // a .NET stack trace
        Assert.DoesNotContain("Unhandled exception", result.StdErr);
    }

    /// <summary>Runs each command: every one must refuse with exit 1 and <paramref name="message"/>, and nothing outside the environment may change.</summary>
    private static async Task<CliResult[]> AssertRefusedAsync(HostileWorkspace ws, string message, string because, params string[][] commands)
    {
        var before = ws.Surroundings();
        var results = new List<CliResult>();
        foreach (var args in commands)
        {
            var r = await ws.Cli(args);
            Assert.True(r.ExitCode == 1, $"{string.Join(' ', args)} exited {r.ExitCode}: {r.StdErr}");
            AssertClearMessage(r, message);
            results.Add(r);
        }
        ws.Surroundings().AssertSameAs(before, because);
        return [.. results];
    }

    private static async Task<CliResult> AssertUndoRefusedAsync(HostileWorkspace ws, string message, string because) =>
        (await AssertRefusedAsync(ws, message, because, ["undo", ws.Env]))[0];

    [PythonFact]
    public async Task A_planted_committed_journal_naming_absolute_paths_is_not_replayed_by_undo()
    {
        using var ws = new HostileWorkspace();
        ws.PlantJournal(PlantedId, [HostileWorkspace.FileEntry(Path.Combine(ws.Outside, "victim.txt")), HostileWorkspace.AbsentEntry(Path.Combine(ws.Outside, "bin", "activate"))], committed: true);

        var undo = await AssertUndoRefusedAsync(ws, "was not replayed", "undo of a planted journal changes nothing outside the environment");

        AssertClearMessage(undo, "has no repair to undo");
        Assert.True(File.Exists(Path.Combine(ws.Env, ".venv-doctor", "journal", PlantedId, "manifest.json")), "a journal that is not ours is left where it is");
    }

    [PythonFact]
    public async Task A_planted_uncommitted_journal_with_dotdot_paths_is_not_rolled_back_and_the_repair_goes_ahead()
    {
        using var ws = new HostileWorkspace();
        ws.PlantJournal(PlantedId, [HostileWorkspace.FileEntry("../../outside/victim.txt"), HostileWorkspace.AbsentEntry("../../outside/.vscode/settings.json")], committed: false,
            createdFolders: ["../../outside/bin"]);
        var before = ws.Surroundings();

        var repair = await ws.Cli("repair", ws.Env);

        Assert.True(repair.ExitCode == 0, $"repair exited {repair.ExitCode}: {repair.StdErr}");
        AssertClearMessage(repair, "was not replayed");
        Assert.Contains("Now: ok", repair.StdOut);
        ws.Surroundings().AssertSameAs(before, "recovery before a repair does not replay a planted journal");
    }

    [PythonFact]
    public async Task Scan_never_acts_on_journals()
    {
        using var ws = new HostileWorkspace();
        var folder = ws.PlantJournal(PlantedId, [HostileWorkspace.FileEntry("bin/activate")], committed: false);
        var before = ws.Surroundings();
        var env = VenvDoctor.Core.Tests.Repair.TreeSnapshot.Of(ws.Env, includeJournal: true);

        var scan = await ws.Cli("scan", ws.Workspace);

        Assert.Equal(1, scan.ExitCode); // the moved environment is broken
        VenvDoctor.Core.Tests.Repair.TreeSnapshot.Of(ws.Env, includeJournal: true).AssertSameAs(env, "scan rolls nothing back, even inside the environment");
        ws.Surroundings().AssertSameAs(before, "scan changes nothing");
        Assert.True(Directory.Exists(folder));
    }

    [PythonFact]
    public async Task An_entry_through_a_symlinked_folder_leaving_the_environment_is_not_replayed()
    {
        using var ws = new HostileWorkspace();
        File.CreateSymbolicLink(Path.Combine(ws.Env, "escape"), ws.Outside);
        ws.PlantJournal(PlantedId, [HostileWorkspace.FileEntry("escape/victim.txt"), HostileWorkspace.AbsentEntry("escape/bin/activate")], committed: true);

        await AssertUndoRefusedAsync(ws, "was not replayed", "nothing is written through a symlink out of the environment");
    }

    [PythonFact]
    public async Task Our_own_journal_is_not_replayed_through_a_folder_later_replaced_by_a_symlink()
    {
        using var ws = new HostileWorkspace();
        var repair = await ws.Cli("repair", ws.Env);
        Assert.True(repair.ExitCode == 0, repair.StdErr);
        // Someone swaps bin/ for a link to another folder of the same shape; undo would restore bin/activate there.
        Directory.Move(Path.Combine(ws.Env, "bin"), Path.Combine(ws.Root, "moved-bin"));
        File.CreateSymbolicLink(Path.Combine(ws.Env, "bin"), Path.Combine(ws.Outside, "bin"));

        await AssertUndoRefusedAsync(ws, "resolves to", "undo does not follow a planted symlink out of the environment");
    }

    [PythonFact]
    public async Task A_journal_whose_manifest_was_edited_after_we_wrote_it_is_not_replayed()
    {
        using var ws = new HostileWorkspace();
        var repair = await ws.Cli("repair", ws.Env);
        Assert.True(repair.ExitCode == 0, repair.StdErr);
        var manifest = Directory.GetFiles(Path.Combine(ws.Env, ".venv-doctor", "journal"), "manifest.json", SearchOption.AllDirectories).Single();
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"bin/activate\"", JsonSerializer.Serialize(Path.Combine(ws.Outside, "victim.txt"))));

        await AssertUndoRefusedAsync(ws, "its manifest changed since", "an edited manifest is not replayed");
    }

    [PythonFact]
    public async Task Malformed_and_huge_manifests_give_one_line_and_change_nothing()
    {
        using var ws = new HostileWorkspace();
        var malformed = ws.PlantJournal(PlantedId, [], committed: false);
        File.WriteAllText(Path.Combine(malformed, "manifest.json"), "{\"entries\": [ {\"path\": ");
        var huge = ws.PlantJournal("20260101T000000001-abcdef", [], committed: true);
        using (var fs = new FileStream(Path.Combine(huge, "manifest.json"), FileMode.Create)) fs.SetLength(100L << 20); // sparse: 100 MB of zeros
        var notAnId = ws.PlantJournal("20260101T000000002-abcdef", [], committed: true);
        Directory.Move(notAnId, Path.Combine(Path.GetDirectoryName(notAnId)!, "..evil"));
        var before = ws.Surroundings();

        var undo = await ws.Cli("undo", ws.Env);
        var repair = await ws.Cli("repair", ws.Env);

        Assert.Equal(1, undo.ExitCode);
        AssertClearMessage(undo, "has no repair to undo");
        Assert.Equal(3, undo.StdErr.Split('\n').Count(l => l.Contains("was not replayed")));
        Assert.True(repair.ExitCode == 0, repair.StdErr);
        AssertClearMessage(repair, "was not replayed");
        ws.Surroundings().AssertSameAs(before, "bad manifests change nothing");
    }

    [PythonFact]
    public async Task A_symlinked_journal_folder_is_never_followed_or_written_through()
    {
        using var ws = new HostileWorkspace();
        var elsewhere = Path.Combine(ws.Outside, "journals");
        Directory.CreateDirectory(Path.Combine(elsewhere, "journal"));
        File.CreateSymbolicLink(Path.Combine(ws.Env, ".venv-doctor"), elsewhere);

        await AssertRefusedAsync(ws, "is a symlink", "no journal is written into or read from a linked folder", ["repair", ws.Env], ["undo", ws.Env]);
    }

    [PythonFact]
    public async Task Settings_are_never_written_through_a_symlinked_vscode_folder()
    {
        using var ws = new HostileWorkspace();
        Assert.Equal(0, (await ws.Cli("repair", ws.Env)).ExitCode);
        File.CreateSymbolicLink(Path.Combine(ws.Workspace, ".vscode"), Path.Combine(ws.Outside, ".vscode"));

        await AssertRefusedAsync(ws, "is a symlink, and settings are never written through one", "the linked folder's settings are untouched",
            ["repair", ws.Env, "--action", "repoint-interpreter", "--dry-run"],
            ["repair", ws.Env, "--action", "repoint-interpreter", "--workspace-folder", ws.Workspace]);
    }

    [PythonFact]
    public async Task Option_like_and_malformed_distribution_names_are_named_as_skipped_in_the_plan()
    {
        using var ws = new HostileWorkspace();
        var sitePackages = Directory.GetDirectories(Path.Combine(ws.Env, "lib")).Single() + "/site-packages";
        void Dist(string folder, string metadata, string? directUrl = null)
        {
            var d = Path.Combine(sitePackages, folder);
            Directory.CreateDirectory(d);
            File.WriteAllText(Path.Combine(d, "METADATA"), metadata);
            if (directUrl is not null) File.WriteAllText(Path.Combine(d, "direct_url.json"), directUrl);
        }
        Dist("evil-1.0.dist-info", "Metadata-Version: 2.1\nName: --index-url=http://evil.example/simple\nVersion: 1.0\n\n");
        Dist("spaced-1.0.dist-info", "Metadata-Version: 2.1\nName: two words\nVersion: 1.0\n\n");
        Dist("badversion-1.0.dist-info", "Metadata-Version: 2.1\nName: badversion\nVersion: --pre\n\n");
        Dist("badurl-1.0.dist-info", "Metadata-Version: 2.1\nName: badurl\nVersion: 1.0\n\n", "{\"url\": \"--trusted-host evil\", \"dir_info\": {}}");
        Dist("fine_pkg-2.0.dist-info", "Metadata-Version: 2.1\nName: fine_pkg\nVersion: 2.0\n\n");
        var before = ws.Surroundings();

        var dry = await ws.Cli("repair", ws.Env, "--action", "recreate", "--dry-run", "--json");

        Assert.True(dry.ExitCode == 0, dry.StdErr);
        using var plan = JsonDocument.Parse(dry.StdOut);
        var notes = plan.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notes, n => n.StartsWith("skipped:") && n.Contains("'--index-url=http://evil.example/simple' is not a valid distribution name"));
        Assert.Contains(notes, n => n.StartsWith("skipped:") && n.Contains("'two words' is not a valid distribution name"));
        Assert.Contains(notes, n => n.StartsWith("skipped:") && n.Contains("'--pre' is not a valid version"));
        Assert.Contains(notes, n => n.StartsWith("skipped:") && n.Contains("'--trusted-host evil'"));
        var reinstall = notes.Single(n => n.StartsWith("reinstall "));
        Assert.Contains("fine_pkg==2.0", reinstall);
        Assert.DoesNotContain("--", reinstall);
        ws.Surroundings().AssertSameAs(before, "a dry run changes nothing");
    }

    [PythonFact]
    public async Task A_fifo_and_an_unreadable_file_in_the_environment_neither_hang_nor_crash_a_verb()
    {
        using var ws = new HostileWorkspace();
        var sitePackages = Directory.GetDirectories(Path.Combine(ws.Env, "lib")).Single() + "/site-packages";
        var dist = Path.Combine(sitePackages, "fifo-1.0.dist-info");
        Directory.CreateDirectory(dist);
        Assert.Equal(0, Run.Checked("mkfifo", Path.Combine(dist, "METADATA"), Path.Combine(ws.Env, "bin", "fifo-tool"), Path.Combine(ws.Env, "pyvenv.cfg.fifo")).ExitCode);
        var locked = Path.Combine(ws.Env, "bin", "locked-tool");
        File.WriteAllText(locked, $"#!{Path.Combine(ws.Env, "bin", "python")}\nprint(1)\n");
        File.SetUnixFileMode(locked, 0);
        var before = ws.Surroundings();

        var scan = await ws.Cli("scan", ws.Workspace);
        var dry = await ws.Cli("repair", ws.Env, "--action", "recreate", "--dry-run");
        var repair = await ws.Cli("repair", ws.Env);

        Assert.Equal(1, scan.ExitCode);
        Assert.DoesNotContain("   at ", scan.StdErr);
        Assert.True(dry.ExitCode == 0, dry.StdErr);
        Assert.True(repair.ExitCode is 0 or 1, $"repair exited {repair.ExitCode}: {repair.StdErr}");
        Assert.DoesNotContain("   at ", repair.StdErr);
        ws.Surroundings().AssertSameAs(before, "special files inside the environment cause no writes outside it");
    }

    [PythonFact]
    public async Task A_second_repair_of_an_environment_being_repaired_is_refused_across_processes()
    {
        using var ws = new HostileWorkspace();
        var before = ws.Surroundings();
        var env = VenvDoctor.Core.Tests.Repair.TreeSnapshot.Of(ws.Env, includeJournal: true);
        // This test process holds the lock in the same state folder, as a sidecar applying a repair would.
        using (new JournalStore(new JournalStoreOptions(ws.State)).LockEnvironment(ws.Env))
        {
            var repair = await ws.Cli("repair", ws.Env);
            var undo = await ws.Cli("undo", ws.Env);
            Assert.Equal(1, repair.ExitCode);
            AssertClearMessage(repair, "Another repair or undo of");
            Assert.Equal(1, undo.ExitCode);
            AssertClearMessage(undo, "Another repair or undo of");
            VenvDoctor.Core.Tests.Repair.TreeSnapshot.Of(ws.Env, includeJournal: true).AssertSameAs(env, "a refused repair changes nothing");
        }
        var after = await ws.Cli("repair", ws.Env);
        Assert.True(after.ExitCode == 0, $"once the lock is let go the repair runs: {after.StdErr}");
        ws.Surroundings().AssertSameAs(before, "nothing outside changed");
    }

    [PythonFact]
    public async Task The_state_folder_and_journal_folders_are_private_to_the_user()
    {
        using var ws = new HostileWorkspace();
        var repair = await ws.Cli("repair", ws.Env);
        Assert.True(repair.ExitCode == 0, repair.StdErr);
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var journalFolder = Directory.GetDirectories(Path.Combine(ws.Env, ".venv-doctor", "journal")).Single();
        foreach (var folder in new[] { ws.State, Path.Combine(ws.State, "journals"), Path.Combine(ws.State, "locks"), Path.Combine(ws.State, "pending"),
                     Path.Combine(ws.Env, ".venv-doctor"), Path.Combine(ws.Env, ".venv-doctor", "journal"), journalFolder })
            Assert.True(File.GetUnixFileMode(folder) == Private, $"{folder} is {File.GetUnixFileMode(folder)}, not 0700");
    }

    [PythonFact]
    public async Task Bad_input_to_every_verb_is_one_line_with_a_documented_exit_code()
    {
        using var ws = new HostileWorkspace();
        var notEnv = Path.Combine(ws.Outside, "victim.txt");
        var before = ws.Surroundings();
        foreach (var (args, code, message) in new (string[] Args, int Code, string Message)[]
                 {
                     (["repair", notEnv], 1, "does not exist or is not a folder"),
                     (["repair", Path.Combine(ws.Outside, ".vscode")], 1, "is not a Python environment"),
                     (["undo", notEnv], 1, "does not exist or is not a folder"),
                     (["repair", ws.Env, "--action", "no-such-action"], 1, "Unknown action"),
                     (["scan", notEnv], 2, "no such folder"),
                 })
        {
            var r = await ws.Cli(args);
            Assert.True(r.ExitCode == code, $"{string.Join(' ', args)} exited {r.ExitCode}, not {code}: {r.StdErr}");
            AssertClearMessage(r, message);
        }
        ws.Surroundings().AssertSameAs(before, "bad input changes nothing");
    }

    [PythonFact(Timeout = 120_000)]
    public async Task Over_rpc_targets_are_checked_by_real_path_against_the_workspace_folders()
    {
        using var ws = new HostileWorkspace();
        // The workspace holds only a link to an environment elsewhere; and a second workspace folder is named that the client does not have open.
        var elsewhere = Path.Combine(ws.Outside, "env");
        Directory.Move(ws.Env, elsewhere);
        File.CreateSymbolicLink(ws.Env, elsewhere);
        var before = ws.Surroundings();
        await using var sidecar = await ws.StartSidecarAsync();

        var apply = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.ApplyRepair, new { path = ws.Env }));
        var plan = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.PlanRepair, new { path = ws.Env }));
        var undo = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.UndoRepair, new { path = ws.Env }));

        foreach (var refused in new[] { apply, plan, undo })
        {
            Assert.Equal(-32602, refused.Code);
            Assert.Contains("outside the workspace folders", refused.Message);
        }
        ws.Surroundings().AssertSameAs(before, "a linked environment outside the workspace is not repaired");
    }

    [PythonFact(Timeout = 120_000)]
    public async Task Over_rpc_repoint_interpreter_never_writes_settings_of_a_folder_outside_the_workspace()
    {
        using var ws = new HostileWorkspace();
        var before = ws.Surroundings();
        await using var sidecar = await ws.StartSidecarAsync();

        var refused = await Assert.ThrowsAsync<SidecarRpcException>(() =>
            sidecar.RequestAsync(Methods.ApplyRepair, new { path = ws.Env, action = "repoint-interpreter", workspaceFolder = ws.Outside }));

        Assert.Equal(-32602, refused.Code);
        Assert.Contains("workspace folder", refused.Message);
        ws.Surroundings().AssertSameAs(before, "the other folder's settings are untouched");
    }

    [PythonFact(Timeout = 120_000)]
    public async Task Over_rpc_a_planted_journal_is_reported_in_the_result_and_not_replayed()
    {
        using var ws = new HostileWorkspace();
        ws.PlantJournal(PlantedId, [HostileWorkspace.FileEntry(Path.Combine(ws.Outside, "victim.txt"))], committed: true);
        var before = ws.Surroundings();
        await using var sidecar = await ws.StartSidecarAsync();

        var undo = await sidecar.RequestAsync(Methods.UndoRepair, new { path = ws.Env }, TimeSpan.FromSeconds(60));

        Assert.False(undo.GetProperty("restored").GetBoolean());
        Assert.Contains(undo.GetProperty("journals").EnumerateArray(), j => j.GetString()!.Contains($"{PlantedId} was not replayed"));
        ws.Surroundings().AssertSameAs(before, "a planted journal is reported, never replayed");
    }
}
