using System.Diagnostics;
using System.Text.Json;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>
/// make-relocatable through the real process: the CLI's <c>repair --action make-relocatable</c> (and that a bare
/// <c>repair</c> leaves a healthy venv alone), <c>scan --json</c> offering it and finding nothing after a move, and
/// the RPC's plan, apply and undo.
/// </summary>
public sealed class MakeRelocatableProcessTests
{
    private static (int ExitCode, string StdOut, string StdErr) Cli(string stateDir, params string[] args)
    {
        var info = SidecarProcess.StartInfo(args, testHost: false);
        info.Environment["VENV_DOCTOR_STATE_DIR"] = stateDir;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException($"venv-sidecar {string.Join(' ', args)} hung"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string VenvWithTool(TempDir tmp, string name)
    {
        var env = Venvs.Create(Pythons.Any!, tmp.Combine(name, "env"));
        Venvs.WriteConsoleScript(env, "tool", Path.Combine(env, "bin", "python"));
        return env;
    }

    [PythonFact]
    public void The_CLI_makes_a_venv_relocatable_a_move_then_needs_nothing_and_undo_restores_it()
    {
        using var tmp = new TempDir();
        var state = tmp.Combine("state");
        var env = VenvWithTool(tmp, "made here");
        var before = TreeSnapshot.Of(env, includeJournal: true);

        using (var scan = JsonDocument.Parse(Cli(state, "scan", env, "--json").StdOut))
            Assert.Contains(scan.RootElement.GetProperty("environments")[0].GetProperty("suggestions").EnumerateArray(), s => s.GetProperty("action").GetString() == "make-relocatable");
        var bare = Cli(state, "repair", env);
        Assert.True(bare.ExitCode == 0, bare.StdErr);
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(before, "a bare repair leaves a healthy venv alone (prevention is asked for by name)");

        var applied = Cli(state, "repair", env, "--action", "make-relocatable");
        Assert.True(applied.ExitCode == 0, $"exit {applied.ExitCode}: {applied.StdOut}{applied.StdErr}");
        Assert.Contains("Now: ok", applied.StdOut);
        var moved = tmp.Combine("moved $it's", "env é");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(env, moved);
        Assert.Equal(0, Proofs.Exec(Path.Combine(moved, "bin", "tool")).ExitCode);
        var rescan = Cli(state, "scan", moved, "--json");
        Assert.Equal(0, rescan.ExitCode);
        using (var after = JsonDocument.Parse(rescan.StdOut))
        {
            var diagnosis = after.RootElement.GetProperty("environments")[0];
            Assert.Equal("ok", diagnosis.GetProperty("health").GetString());
            Assert.Equal(0, diagnosis.GetProperty("findings").GetArrayLength());
            Assert.Equal(0, diagnosis.GetProperty("suggestions").GetArrayLength());
        }

        var undo = Cli(state, "undo", moved);
        Assert.True(undo.ExitCode == 0, undo.StdErr);
        TreeSnapshot.Of(moved, includeJournal: true).AssertSameAs(before, "undo restores every byte");
    }

    [PythonFact(Timeout = 180_000)]
    public async Task Over_RPC_it_plans_applies_and_undoes()
    {
        using var workspace = new TempDir();
        var env = VenvWithTool(workspace, "proj");
        var before = TreeSnapshot.Of(env, includeJournal: true);
        await using var sidecar = await SidecarProcess.StartAsync(environment: new Dictionary<string, string?> { ["VENV_DOCTOR_STATE_DIR"] = workspace.Combine("state") });
        await sidecar.InitializeAsync([workspace.Path]);

        var plan = await sidecar.RequestAsync(Methods.PlanRepair, new { path = env, action = "make-relocatable" });
        Assert.Equal("make-relocatable", plan.GetProperty("action").GetString());
        Assert.Contains(plan.GetProperty("edits").EnumerateArray(), e => e.GetProperty("file").GetString() == Path.Combine(env, "bin", "tool")
            && e.GetProperty("after").GetString()!.Contains("realpath", StringComparison.Ordinal));
        Assert.Contains(plan.GetProperty("edits").EnumerateArray(), e => e.GetProperty("file").GetString() == Path.Combine(env, "pyvenv.cfg"));

        var applied = await sidecar.RequestAsync(Methods.ApplyRepair, new { path = env, action = "make-relocatable" }, TimeSpan.FromSeconds(60));
        Assert.True(applied.GetProperty("applied").GetBoolean());
        var diagnosis = applied.GetProperty("diagnosis");
        Assert.Equal("ok", diagnosis.GetProperty("health").GetString());
        Assert.DoesNotContain(diagnosis.GetProperty("suggestions").EnumerateArray(), s => s.GetProperty("action").GetString() == "make-relocatable");

        var undone = await sidecar.RequestAsync(Methods.UndoRepair, new { path = env });
        Assert.True(undone.GetProperty("restored").GetBoolean());
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(before, "undo over RPC restores byte for byte");
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }
}
