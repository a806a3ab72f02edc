using System.Text.Json;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>The real <c>venv-sidecar watch</c> process on real venvs and real file operations.</summary>
public sealed class WatchCommandTests
{
    private static PythonInstall Python => Pythons.Any!;

    [PythonFact]
    public async Task Json_lines_report_ready_moved_removed_added_and_sigint_exits_0()
    {
        using var tmp = new TempDir("vd-watchcli");
        var from = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        await using var watch = WatchProcess.Start(tmp.Path, "--json");
        var ready = await watch.NextEventAsync();
        Assert.Equal("ready", ready.GetProperty("event").GetString());
        Assert.Equal(1, ready.GetProperty("environments").GetInt32());
        Assert.InRange(ready.GetProperty("watches").GetInt32(), 5, ready.GetProperty("budget").GetInt32());

        var to = tmp.Combine("proj", "venv-renamed");
        Directory.Move(from, to);
        var moved = await watch.NextEventAsync();
        Assert.Equal("moved", moved.GetProperty("event").GetString());
        Assert.Equal(from, moved.GetProperty("from").GetString());
        Assert.Equal(to, moved.GetProperty("to").GetString());
        var diagnosis = moved.GetProperty("diagnosis");
        Assert.Equal(to, diagnosis.GetProperty("path").GetString());
        Assert.Equal("broken", diagnosis.GetProperty("health").GetString());
        Assert.Contains(diagnosis.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "moved");

        Directory.Delete(to, recursive: true);
        var removed = await watch.NextEventAsync();
        Assert.Equal("removed", removed.GetProperty("event").GetString());
        Assert.Equal(to, removed.GetProperty("path").GetString());
        Assert.False(removed.TryGetProperty("diagnosis", out _));

        var fresh = Venvs.Create(Python, tmp.Combine("other", "env"));
        var added = await watch.NextEventAsync();
        Assert.Equal(("added", fresh), (added.GetProperty("event").GetString(), added.GetProperty("path").GetString()));
        Assert.Equal("ok", added.GetProperty("diagnosis").GetProperty("health").GetString());

        Assert.Equal(0, await watch.StopAsync(signal: 2));
        Assert.Empty(await watch.RestAsync());
    }

    [PythonFact]
    public async Task Beyond_the_watch_budget_it_says_degraded_and_still_reports_a_move()
    {
        using var tmp = new TempDir("vd-watchcli");
        var from = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        Directory.CreateDirectory(tmp.Combine("elsewhere", "deep"));
        await using var watch = WatchProcess.Start(tmp.Path, "--json", "--watch-budget", "2", "--rescan-interval-ms", "200");
        Assert.Equal("ready", (await watch.NextEventAsync()).GetProperty("event").GetString());
        var degraded = await watch.NextEventAsync();
        Assert.Equal("degraded", degraded.GetProperty("event").GetString());
        Assert.Equal(tmp.Path, degraded.GetProperty("root").GetString());
        Assert.Contains("budget", degraded.GetProperty("reason").GetString());

        var to = tmp.Combine("elsewhere", "deep", ".venv");
        Directory.Move(from, to);
        var moved = await watch.NextEventAsync();
        Assert.Equal(("moved", from, to), (moved.GetProperty("event").GetString(), moved.GetProperty("from").GetString(), moved.GetProperty("to").GetString()));
        Assert.Equal(0, await watch.StopAsync(signal: 15));
    }

    [PythonFact]
    public async Task A_degraded_root_that_fits_the_budget_again_says_recovered_once_and_reports_by_events()
    {
        using var tmp = new TempDir("vd-watchcli");
        var from = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        // The project needs about 8 watches (tree, environment, its base's folders); the clutter pushes it past 12.
        for (var i = 0; i < 20; i++) Directory.CreateDirectory(tmp.Combine("clutter", $"d{i}"));
        await using var watch = WatchProcess.Start(tmp.Path, "--json", "--watch-budget", "12", "--rescan-interval-ms", "200");
        Assert.Equal("ready", (await watch.NextEventAsync()).GetProperty("event").GetString());
        var degraded = await watch.NextEventAsync();
        Assert.Equal(("degraded", tmp.Path), (degraded.GetProperty("event").GetString(), degraded.GetProperty("root").GetString()));

        Directory.Delete(tmp.Combine("clutter"), recursive: true);
        var recovered = await watch.NextEventAsync();
        Assert.Equal(("recovered", tmp.Path), (recovered.GetProperty("event").GetString(), recovered.GetProperty("root").GetString()));
        Assert.False(recovered.TryGetProperty("reason", out _));

        var to = tmp.Combine("proj", "env");
        Directory.Move(from, to);
        var moved = await watch.NextEventAsync();
        Assert.Equal(("moved", from, to), (moved.GetProperty("event").GetString(), moved.GetProperty("from").GetString(), moved.GetProperty("to").GetString()));
        Assert.Equal(0, await watch.StopAsync(signal: 15));
        Assert.Empty(await watch.RestAsync());   // no second degraded notice, no second recovery
    }

    [PythonFact]
    public async Task Readable_lines_without_json_and_sigterm_exits_0()
    {
        using var tmp = new TempDir("vd-watchcli");
        var from = Venvs.Create(Python, tmp.Combine(".venv"));
        await using var watch = WatchProcess.Start(tmp.Path);
        Assert.StartsWith("ready: 1 environment(s), ", await watch.NextLineAsync());

        Directory.Move(from, tmp.Combine("env"));
        var line = await watch.NextLineAsync();
        Assert.Equal($"moved    {from} -> {tmp.Combine("env")}  [broken: moved]", line);
        Assert.Equal(0, await watch.StopAsync(signal: 15));
    }

    [Fact]
    public async Task A_missing_folder_is_a_usage_error()
    {
        var r = await SidecarProcess.RunCliAsync(["watch", "/nonexistent/vd-watch-test"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no such folder: /nonexistent/vd-watch-test", r.StdErr);
        Assert.Equal("", r.StdOut);
    }
}
