using System.Text.Json;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Hostile;

/// <summary>What each verb did with a hostile workspace.</summary>
internal sealed record VerbOutcomes(JsonElement ServeList, JsonElement WatchReady, CliResult Scan, CliResult DryRun, CliResult? Repair, CliResult? Undo);

/// <summary>
/// Runs every verb on a hostile workspace, each under its memory and time bound (the harness fails a verb that passes
/// it): serve answers <c>venv/list</c> and shuts down; watch becomes ready (or says why) and exits on SIGTERM; scan,
/// a dry run, and (when asked) the repair and its undo finish with one clear line and no stack trace. Nothing
/// outside the environment may change.
/// </summary>
internal static class EveryVerb
{
    /// <summary>How long watch may take to become ready or say why on these small workspaces, and to stop after SIGTERM.</summary>
    public static readonly TimeSpan WatchReadyWithin = TimeSpan.FromSeconds(30), ExitAfterSigtermWithin = TimeSpan.FromSeconds(10);

    public static Task<VerbOutcomes> RunAsync(HostileWorkspace ws, bool apply, params string[] repairArgs) => RunAsync(ws, apply, null, repairArgs);

    /// <param name="afterRepair">Looks at the environment between the repair and its undo.</param>
    public static async Task<VerbOutcomes> RunAsync(HostileWorkspace ws, bool apply, Action? afterRepair, params string[] repairArgs)
    {
        var before = ws.Surroundings();
        var list = await ServeListAsync(ws);
        var ready = await WatchReadyThenSigtermAsync(ws);
        var scan = await ws.Cli("scan", ws.Workspace);
        AssertOneLine(scan, "scan", 0, 1);
        var dry = await ws.Cli(["repair", ws.Env, .. repairArgs, "--dry-run"]);
        AssertOneLine(dry, "repair --dry-run", 0, 1);
        CliResult? repair = null, undo = null;
        if (apply)
        {
            repair = await ws.Cli(["repair", ws.Env, .. repairArgs]);
            AssertOneLine(repair, "repair", 0, 1);
            afterRepair?.Invoke();
            undo = await ws.Cli("undo", ws.Env);
            AssertOneLine(undo, "undo", 0, 1);
        }
        ws.Surroundings().AssertSameAs(before, "no verb changes anything outside the environment");
        return new VerbOutcomes(list, ready, scan, dry, repair, undo);
    }

    /// <summary>serve on the workspace answers venv/list (within serve's bound) and shuts down with exit 0.</summary>
    public static async Task<JsonElement> ServeListAsync(HostileWorkspace ws)
    {
        await using var sidecar = await ws.StartSidecarAsync();
        var list = await sidecar.RequestAsync("venv/list", new { scope = "workspace" });
        Assert.Equal(0, await sidecar.ShutdownAsync());
        return list;
    }

    /// <summary>watch's first line (ready, or why not) in time; then SIGTERM ends it with exit 0 in time.</summary>
    public static async Task<JsonElement> WatchReadyThenSigtermAsync(HostileWorkspace ws)
    {
        await using var watch = ws.Watch(ws.Workspace, "--json");
        var first = await watch.NextEventAsync(WatchReadyWithin);
        Assert.Equal(0, await watch.StopAsync(15, ExitAfterSigtermWithin));
        return first;
    }

    /// <summary>An expected exit code, and no .NET stack trace or unhandled exception for the user.</summary>
    public static void AssertOneLine(CliResult result, string what, params int[] codes)
    {
        Assert.True(codes.Contains(result.ExitCode), $"{what} exited {result.ExitCode}: {result.StdErr}");
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.DoesNotContain("Unhandled exception", result.StdErr);
    }

    /// <summary>The environment at <paramref name="path"/> in a venv/list result.</summary>
    public static JsonElement Environment(JsonElement list, string path) =>
        list.GetProperty("environments").EnumerateArray().Single(e => e.GetProperty("path").GetString() == path);

    public static IEnumerable<string> Codes(JsonElement environment) =>
        environment.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!);
}
