using System.Text.Json;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>
/// The real sidecar on a real repository with a committed venv whose configuration runs a command whenever git runs
/// there (<c>core.fsmonitor</c>, hooks): scan, watch, serve (venv/list, applyRepair, undoRepair), repair and undo
/// report and fix <c>tracked-in-git</c>, and the
/// command never runs — then git itself is run once, to prove the trap was live.
/// </summary>
public sealed class TrackedInGitCliTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(90);
    private static (int ExitCode, string StdOut, string StdErr) Cli(string stateDir, params string[] args) => RepairCliTests.Cli(stateDir, args);

    [GitFact]
    public async Task Scan_watch_repair_and_undo_report_and_fix_it_and_never_run_the_repositorys_commands()
    {
        using var tmp = new TempDir();
        var state = tmp.Combine("state");
        var root = tmp.Combine("repo");
        var env = GitRepos.WithCommittedVenv(root);
        var marker = tmp.Combine("git-ran");
        GitRepos.PlantTraps(Path.Combine(root, ".git"), marker);

        var scan = Cli(state, "scan", root, "--json");
        using (var doc = JsonDocument.Parse(scan.StdOut))
        {
            var found = doc.RootElement.GetProperty("environments").EnumerateArray().Single();
            var finding = found.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "tracked-in-git");
            Assert.Equal("warning", finding.GetProperty("severity").GetString());
            Assert.Equal(".venv", finding.GetProperty("data").GetProperty("path").GetString());
            var suggestion = found.GetProperty("suggestions").EnumerateArray().First();
            Assert.Equal("ignore-in-git", suggestion.GetProperty("action").GetString());
            Assert.Equal(finding.GetProperty("data").GetProperty("command").GetString(), suggestion.GetProperty("data").GetProperty("command").GetString());
        }

        await using (var watch = WatchProcess.Start(root, "--json"))
        {
            Assert.Equal("ready", (await watch.NextEventAsync()).GetProperty("event").GetString());
            Directory.Move(env, Path.Combine(root, "venv2"));
            Assert.Equal("moved", (await watch.NextEventAsync()).GetProperty("event").GetString());
            Directory.Move(Path.Combine(root, "venv2"), env);
            Assert.Equal("moved", (await watch.NextEventAsync()).GetProperty("event").GetString());
            Assert.Equal(0, await watch.StopAsync(signal: 2));
        }

        await using (var sidecar = await SidecarProcess.StartAsync(environment: new Dictionary<string, string?> { ["VENV_DOCTOR_STATE_DIR"] = state }, testMethods: false))
        {
            await sidecar.InitializeAsync([root]);
            var listed = (await sidecar.RequestAsync(Methods.List, new { scope = "workspace" }, Slow)).GetProperty("environments")[0];
            Assert.Equal("ignore-in-git", listed.GetProperty("suggestions")[0].GetProperty("action").GetString());
            var applied = await sidecar.RequestAsync(Methods.ApplyRepair, new { path = env, action = "ignore-in-git" }, Slow);
            Assert.True(applied.GetProperty("applied").GetBoolean());
            Assert.Contains(applied.GetProperty("plan").GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("rm -r --cached -- .venv"));
            Assert.True(File.Exists(Path.Combine(env, ".gitignore")));
            await sidecar.RequestAsync(Methods.UndoRepair, new { path = env }, Slow);
            Assert.False(File.Exists(Path.Combine(env, ".gitignore")), "venv/undoRepair removes the .gitignore venv/applyRepair wrote");
            Assert.Equal(0, await sidecar.ShutdownAsync());
        }

        var repair = Cli(state, "repair", env, "--action", "ignore-in-git");
        // Still a warning, honestly: the files stay tracked until the user runs the command shown.
        Assert.True(repair.ExitCode == 1, $"repair exited {repair.ExitCode}: {repair.StdOut}{repair.StdErr}");
        Assert.Contains("still tracked", repair.StdOut);
        Assert.Contains("git -C", repair.StdOut);
        Assert.Equal("*", File.ReadAllLines(Path.Combine(env, ".gitignore")).Last());

        var undo = Cli(state, "undo", env);
        Assert.True(undo.ExitCode is 0 or 1, $"undo exited {undo.ExitCode}: {undo.StdOut}{undo.StdErr}");
        Assert.False(File.Exists(Path.Combine(env, ".gitignore")), "undo removes the .gitignore the repair wrote");

        Assert.False(File.Exists(marker), "the sidecar ran git, or a command of the repository's configuration");
        GitRepos.AsUser(root, "status");
        Assert.True(File.Exists(marker), "the planted core.fsmonitor did not run under git itself: the trap proves nothing");
    }
}
