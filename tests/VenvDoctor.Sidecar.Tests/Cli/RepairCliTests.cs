using System.Diagnostics;
using System.Text.Json;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>
/// The real <c>venv-sidecar repair</c>/<c>undo</c> processes on real moved venvs, including SIGKILL at every
/// write (through the engine's test seam) followed by a restart: the environment is always old or new, byte for byte.
/// </summary>
public sealed class RepairCliTests
{
    /// <summary>One run of the real CLI with its own journal state folder (<paramref name="killAt"/>: the test host's kill seam).</summary>
    internal static (int ExitCode, string StdOut, string StdErr) Cli(string stateDir, IEnumerable<string> args, string? killAt = null)
    {
        var info = SidecarProcess.StartInfo(args, testHost: killAt is not null); // the kill seam exists only in the test host
        info.Environment["VENV_DOCTOR_STATE_DIR"] = stateDir;
        if (killAt is not null) info.Environment["VENV_DOCTOR_TEST_KILL_AT"] = killAt;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException($"venv-sidecar {string.Join(' ', args)} hung"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A venv made at one place and moved to a path with a space and a quote, with a few console scripts.</summary>
    private static string MovedVenv(TempDir tmp, int scripts = 3)
    {
        var original = tmp.Combine("first place", "env");
        Directory.CreateDirectory(Path.GetDirectoryName(original)!);
        Venvs.Create(Pythons.Any!, original);
        for (var i = 0; i < scripts; i++) Venvs.WriteConsoleScript(original, $"tool{i}", Path.Combine(original, "bin", "python"));
        var moved = tmp.Combine("it's moved", "env");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(original, moved);
        return moved;
    }

    [PythonFact]
    public void Repair_makes_a_moved_venv_healthy_and_undo_restores_it_byte_for_byte()
    {
        using var tmp = new TempDir();
        var state = tmp.Combine("state");
        var env = MovedVenv(tmp);
        var broken = TreeSnapshot.Of(env, includeJournal: true);

        var dry = Cli(state, ["repair", env, "--dry-run", "--json"]);
        Assert.Equal(0, dry.ExitCode);
        using (var plan = JsonDocument.Parse(dry.StdOut))
        {
            Assert.Equal("relocate", plan.RootElement.GetProperty("action").GetString());
            Assert.Contains(plan.RootElement.GetProperty("edits").EnumerateArray(), e => e.GetProperty("file").GetString()!.EndsWith("/bin/tool0"));
        }
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(broken, "a dry run changes nothing");

        var repair = Cli(state, ["repair", env]);
        Assert.True(repair.ExitCode == 0, $"repair exited {repair.ExitCode}: {repair.StdOut}{repair.StdErr}");
        Assert.Contains("Now: ok", repair.StdOut);
        Assert.Equal(0, Proofs.Exec(Path.Combine(env, "bin", "tool0")).ExitCode);
        Proofs.ActivationWorks(env);

        var undo = Cli(state, ["undo", env]);
        Assert.True(undo.ExitCode == 0, undo.StdErr);
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(broken, "undo restores every byte, mode and link");
        Assert.Equal(1, Cli(state, ["undo", env]).ExitCode);
    }

    [PythonFact]
    public void Killed_between_any_two_writes_and_restarted_the_environment_is_old_or_new()
    {
        using var tmp = new TempDir();
        var state = tmp.Combine("state");
        var env = MovedVenv(tmp);
        var old = TreeSnapshot.Of(env, includeJournal: true);
        Assert.Equal(0, Cli(state, ["repair", env]).ExitCode);
        var @new = TreeSnapshot.Of(env);
        Assert.Equal(0, Cli(state, ["undo", env]).ExitCode);
        using var planJson = JsonDocument.Parse(Cli(state, ["repair", env, "--dry-run", "--json"]).StdOut);
        var writes = planJson.RootElement.GetProperty("edits").GetArrayLength();
        Assert.True(writes >= 6, $"expected a multi-file repair, got {writes} edits");

        for (var n = 0; n <= writes + 1; n++)
        {
            var killed = Cli(state, ["repair", env], killAt: $"apply:{n}");
            Assert.True(killed.ExitCode == 137, $"apply:{n} should die by SIGKILL, exited {killed.ExitCode}: {killed.StdErr}");

            // A dry run (like scan) never acts on journals; the next undo (or repair) of the environment settles it.
            Cli(state, ["repair", env, "--dry-run"]);
            if (n <= writes)
            {
                var restart = Cli(state, ["undo", env]);
                Assert.True(restart.ExitCode == 1, $"nothing committed, so nothing to undo; exited {restart.ExitCode}: {restart.StdErr}");
                TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(old, $"killed after write {n} of {writes}: rolled back");
                Assert.Contains("rolled back", restart.StdErr);
            }
            else
            {
                TreeSnapshot.Of(env).AssertSameAs(@new, "killed after the commit: the repair stands");
                // Now kill the undo at one of its writes too: the next undo finishes it.
                var undoKilled = Cli(state, ["undo", env], killAt: $"undo:{writes / 2}");
                Assert.Equal(137, undoKilled.ExitCode);
                var settle = Cli(state, ["undo", env]);
                Assert.Contains("undo finished", settle.StdErr);
                TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(old, "an undo killed midway is finished by the next undo");
            }
        }
    }

    /// <summary>
    /// recreate is the engine's folder swap: killed with the old environment moved aside (nothing at the path) and
    /// killed with the new one built but not committed, the next undo rolls it back byte for byte; an undo killed
    /// before the kept folder is back is finished by the next one.
    /// </summary>
    [PythonFact]
    public void A_recreate_killed_mid_swap_is_settled_by_the_next_undo_byte_for_byte()
    {
        using var tmp = new TempDir();
        var state = tmp.Combine("state");
        var env = MovedVenv(tmp);
        var parent = Path.GetDirectoryName(env)!;
        var old = TreeSnapshot.Of(env, includeJournal: true);
        string[] recreate = ["repair", env, "--action", "recreate", "--base", Pythons.Any!.Executable];
        string[] Siblings() => Directory.GetFileSystemEntries(parent).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

        foreach (var (write, what) in new[] { (1, "moved aside, nothing built"), (2, "new one built, not committed") })
        {
            var killed = Cli(state, recreate, killAt: $"apply:{write}");
            Assert.True(killed.ExitCode == 137, $"apply:{write} should die by SIGKILL, exited {killed.ExitCode}: {killed.StdErr}");
            Assert.Contains(Siblings(), n => n.StartsWith(".env.venv-doctor-old-", StringComparison.Ordinal));
            Assert.Equal(write == 2, Directory.Exists(env));

            var restart = Cli(state, ["undo", env]);
            Assert.True(restart.ExitCode == 1, $"nothing committed, so nothing to undo; exited {restart.ExitCode}: {restart.StdErr}");
            Assert.Contains("rolled back", restart.StdErr);
            TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(old, $"recreate killed ({what}): rolled back");
            Assert.Equal(["env"], Siblings());
        }

        var done = Cli(state, recreate);
        Assert.True(done.ExitCode == 0, $"recreate exited {done.ExitCode}: {done.StdOut}{done.StdErr}");
        Assert.Contains(Siblings(), n => n.StartsWith(".env.venv-doctor-old-", StringComparison.Ordinal));
        var undoKilled = Cli(state, ["undo", env], killAt: "undo:0");
        Assert.True(undoKilled.ExitCode == 137, $"undo:0 should die by SIGKILL, exited {undoKilled.ExitCode}: {undoKilled.StdErr}");
        var settle = Cli(state, ["undo", env]);
        Assert.Contains("undo finished", settle.StdErr);
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(old, "an undo of recreate killed midway is finished by the next undo");
        Assert.Equal(["env"], Siblings());
    }
}
