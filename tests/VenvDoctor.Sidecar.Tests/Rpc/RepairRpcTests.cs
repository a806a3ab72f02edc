using System.Text.Json;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Rpc;

/// <summary>venv/planRepair, venv/applyRepair (with $/progress), venv/undoRepair on the real process; workspace-root guard.</summary>
public sealed class RepairRpcTests
{
    private static string MovedVenv(string root)
    {
        var original = Path.Combine(root, "before", "env");
        Directory.CreateDirectory(Path.GetDirectoryName(original)!);
        Venvs.Create(Pythons.Any!, original);
        Venvs.WriteConsoleScript(original, "tool", Path.Combine(original, "bin", "python"));
        var moved = Path.Combine(root, "after it's moved", "env");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(original, moved);
        return moved;
    }

    [PythonFact(Timeout = 120_000)]
    public async Task Plan_apply_with_progress_then_undo()
    {
        using var workspace = new TempDir();
        var env = MovedVenv(workspace.Path);
        var broken = TreeSnapshot.Of(env, includeJournal: true);
        await using var sidecar = await SidecarProcess.StartAsync(environment: new Dictionary<string, string?> { ["VENV_DOCTOR_STATE_DIR"] = workspace.Combine("state") });
        await sidecar.InitializeAsync([workspace.Path]);

        var plan = await sidecar.RequestAsync(Methods.PlanRepair, new { path = env });
        Assert.Equal("relocate", plan.GetProperty("action").GetString());
        Assert.Contains(plan.GetProperty("edits").EnumerateArray(), e => e.GetProperty("file").GetString() == Path.Combine(env, "bin", "tool")
            && e.GetProperty("operation").GetString() == "write" && e.GetProperty("after").GetString()!.Contains(env));
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(broken, "planning changes nothing");

        var applied = await sidecar.RequestAsync(Methods.ApplyRepair, new { path = env, workDoneToken = "repair-1" }, TimeSpan.FromSeconds(60));
        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.Equal("ok", applied.GetProperty("diagnosis").GetProperty("health").GetString());
        var kinds = sidecar.Inbox.Where(m => m.TryGetProperty("method", out var meth) && meth.GetString() == "$/progress"
                && m.GetProperty("params").GetProperty("token").GetString() == "repair-1")
            .Select(m => m.GetProperty("params").GetProperty("value").GetProperty("kind").GetString()).ToList();
        Assert.Equal("begin", kinds.First());
        Assert.Contains("report", kinds);
        Assert.Equal("end", kinds.Last());
        Assert.Equal(0, Proofs.Exec(Path.Combine(env, "bin", "tool")).ExitCode);

        var undone = await sidecar.RequestAsync(Methods.UndoRepair, new { path = env });
        Assert.True(undone.GetProperty("restored").GetBoolean());
        Assert.Equal("broken", undone.GetProperty("diagnosis").GetProperty("health").GetString());
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(broken, "undo over RPC restores byte for byte");
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [PythonFact(Timeout = 120_000)]
    public async Task Paths_outside_the_workspace_are_refused_unless_the_user_chose_them()
    {
        using var workspace = new TempDir();
        using var elsewhere = new TempDir();
        var env = MovedVenv(elsewhere.Path);
        var broken = TreeSnapshot.Of(env, includeJournal: true);
        await using var sidecar = await SidecarProcess.StartAsync(environment: new Dictionary<string, string?> { ["VENV_DOCTOR_STATE_DIR"] = workspace.Combine("state") });
        await sidecar.InitializeAsync([workspace.Path]);

        var refused = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.ApplyRepair, new { path = env }));
        Assert.Equal(-32602, refused.Code);
        var traversal = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.ApplyRepair, new { path = Path.Combine(workspace.Path, "..", Path.GetFileName(elsewhere.Path), "after it's moved", "env") }));
        Assert.Equal(-32602, traversal.Code);
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(broken, "a refused repair changes nothing");

        var chosen = await sidecar.RequestAsync(Methods.ApplyRepair, new { path = env, userChosen = true }, TimeSpan.FromSeconds(60));
        Assert.Equal("ok", chosen.GetProperty("diagnosis").GetProperty("health").GetString());

        var unknown = await Assert.ThrowsAsync<SidecarRpcException>(() => sidecar.RequestAsync(Methods.PlanRepair, new { path = env, userChosen = true, action = "polish" }));
        Assert.Contains("Unknown action", unknown.Message);
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }
}
