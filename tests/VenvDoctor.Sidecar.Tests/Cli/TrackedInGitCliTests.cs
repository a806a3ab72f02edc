using System.Diagnostics;
using System.Text.Json;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>
/// The real sidecar on a real repository with a committed venv whose configuration runs a command whenever git runs
/// there (<c>core.fsmonitor</c>, hooks): scan, watch, repair and undo report and fix <c>tracked-in-git</c>, and the
/// command never runs — then git itself is run once, to prove the trap was live.
/// </summary>
public sealed class TrackedInGitCliTests
{
    private static (int ExitCode, string StdOut, string StdErr) Cli(string stateDir, params string[] args)
    {
        var info = SidecarProcess.StartInfo(args);
        info.Environment["VENV_DOCTOR_STATE_DIR"] = stateDir;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException($"venv-sidecar {string.Join(' ', args)} hung"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

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
