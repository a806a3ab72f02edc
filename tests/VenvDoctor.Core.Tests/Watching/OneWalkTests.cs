using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Watching;
using static VenvDoctor.Core.Tests.Support.EditableProjects;

namespace VenvDoctor.Core.Tests.Watching;

/// <summary>
/// The list and the watch walk the same way (one walker): a venv reached through a folder symlink is watched, the
/// depth limit holds for both, and the watch's live model equals a cold scan after every kind of change — read at
/// once after the change, with no waiting for events (the model's freshness guarantee).
/// </summary>
public sealed class OneWalkTests
{
    private static PythonInstall Python => Pythons.Any!;

    [PythonFact]
    public async Task A_venv_behind_a_folder_symlink_is_listed_watched_and_its_rename_is_a_move()
    {
        using var tmp = new TempDir("vd-walk");
        var real = Venvs.Create(Python, tmp.Combine("shared", "libs", "venv"));
        Directory.CreateDirectory(tmp.Combine("ws", "proj"));
        Directory.CreateSymbolicLink(tmp.Combine("ws", "proj", "libs"), Path.Combine("..", "..", "shared", "libs"));
        var seen = tmp.Combine("ws", "proj", "libs", "venv");
        await using var probe = await WatchProbe.StartAsync(TestWatchers.Create(), tmp.Combine("ws"));
        Assert.Equal([seen], probe.Session.Environments.Select(e => e.Path));
        await AssertWarmEqualsColdAsync(probe, [tmp.Combine("ws")]);

        Directory.Move(real, tmp.Combine("shared", "libs", "renamed"));

        var moved = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Moved, seen, tmp.Combine("ws", "proj", "libs", "renamed")), (moved.Kind, moved.From, moved.Path));
        Assert.Contains(moved.Environment!.Findings, f => f.Code == FindingCodes.Moved);
        await AssertWarmEqualsColdAsync(probe, [tmp.Combine("ws")]);

        // The link itself removed: what was reached through it is gone from the list and from the watch.
        File.Delete(tmp.Combine("ws", "proj", "libs"));
        var removed = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Removed, tmp.Combine("ws", "proj", "libs", "renamed")), (removed.Kind, removed.Path));
        await AssertWarmEqualsColdAsync(probe, [tmp.Combine("ws")]);
    }

    [PythonFact]
    public async Task Under_a_depth_limit_the_watch_reports_nothing_the_list_would_not()
    {
        using var tmp = new TempDir("vd-walk");
        var ws = Directory.CreateDirectory(tmp.Combine("ws")).FullName;
        var shallow = Venvs.Create(Python, Path.Combine(ws, "env"));            // depth 1: listed
        Venvs.Create(Python, Path.Combine(ws, "proj", ".venv"));                 // depth 2: beyond the limit
        var options = TestWatchers.FastOptions with { MaxDepth = 1 };
        await using var probe = await WatchProbe.StartAsync(TestWatchers.Create(options), ws);
        Assert.Equal([shallow], probe.Session.Environments.Select(e => e.Path));
        await AssertWarmEqualsColdAsync(probe, [ws], maxDepth: 1);

        // Deeper than the limit: a new venv, and one renamed into a folder at the limit.
        Venvs.Create(Python, Path.Combine(ws, "other", ".venv"));
        Directory.Move(Path.Combine(ws, "proj", ".venv"), Path.Combine(ws, "proj", "env2"));
        Directory.CreateDirectory(Path.Combine(ws, "a", "b"));
        Sentinel.Drop(Path.Combine(ws, "a", "b", "deep"), Python);
        await AssertWarmEqualsColdAsync(probe, [ws], maxDepth: 1);

        // Within it: the sentinel is the first event; nothing came before it.
        var sentinel = Sentinel.Drop(Path.Combine(ws, "sentinel"), Python);
        var (added, before) = await probe.WaitForAsync(e => e.Kind == WatchEventKind.Added && e.Path == sentinel);
        Assert.True(before.Count == 0, $"events the list would not show: {WatchProbe.Describe(before)}");
        await AssertWarmEqualsColdAsync(probe, [ws], maxDepth: 1);
    }

    [PythonFact]
    public async Task The_live_model_equals_a_cold_scan_after_add_remove_rename_and_a_cfg_edit()
    {
        using var tmp = new TempDir("vd-walk");
        var ws = Directory.CreateDirectory(tmp.Combine("ws")).FullName;
        var first = Venvs.Create(Python, Path.Combine(ws, "a", ".venv"));
        await using var probe = await WatchProbe.StartAsync(TestWatchers.Create(), ws);
        await AssertWarmEqualsColdAsync(probe, [ws]);

        var second = Venvs.Create(Python, Path.Combine(ws, "b", "env"));
        Assert.Equal([first, second], (await AssertWarmEqualsColdAsync(probe, [ws])).Select(e => e.Path));

        Directory.Delete(second, recursive: true);
        Assert.Equal([first], (await AssertWarmEqualsColdAsync(probe, [ws])).Select(e => e.Path));

        var renamed = Path.Combine(ws, "a", "renamed");
        Directory.Move(first, renamed);
        var afterRename = Assert.Single(await AssertWarmEqualsColdAsync(probe, [ws]));
        Assert.Contains(afterRename.Findings, f => f.Code == FindingCodes.Moved);

        var cfg = Path.Combine(renamed, "pyvenv.cfg");
        File.WriteAllText(cfg, File.ReadAllText(cfg).Replace($"version = {Python.Version}", "version = 3.2.1"));
        var afterEdit = Assert.Single(await AssertWarmEqualsColdAsync(probe, [ws]));
        Assert.NotEqual(Describe(afterRename), Describe(afterEdit));
    }

    [PyenvFact]
    public async Task The_live_model_equals_a_cold_scan_after_the_base_is_removed()
    {
        var pyenv = PyenvFactAttribute.Newest(1)[0];
        using var tmp = new TempDir("vd-walk");
        var (copy, copiedPython) = PrivateBases.Copy(pyenv, tmp.Combine("pyenv-copy"));
        var ws = tmp.Combine("ws");
        Venvs.Create(copiedPython, Path.Combine(ws, "proj", ".venv"));
        await using var probe = await WatchProbe.StartAsync(TestWatchers.Create(), ws);
        Assert.Equal(Health.Ok, Assert.Single(await AssertWarmEqualsColdAsync(probe, [ws])).Health);

        Directory.Delete(copy, recursive: true);

        var after = Assert.Single(await AssertWarmEqualsColdAsync(probe, [ws]));
        Assert.Contains(after.Findings, f => f.Code == FindingCodes.BaseMissing);
    }

    [Pep660Fact]
    public async Task The_live_model_equals_a_cold_scan_after_an_editable_source_moves()
    {
        using var tmp = new TempDir("vd-walk");
        var project = tmp.Combine("src", "pkgproj");
        WriteProject(project, "livepkg", Path.Combine("src", "livepkg"), tool: "");
        var ws = tmp.Combine("ws");
        InstallEditable(Path.Combine(ws, ".venv"), project);
        await using var probe = await WatchProbe.StartAsync(TestWatchers.Create(), ws);
        Assert.Equal(Health.Ok, Assert.Single(await AssertWarmEqualsColdAsync(probe, [ws])).Health);

        Directory.Move(project, tmp.Combine("src", "pkgproj-moved"));

        var after = Assert.Single(await AssertWarmEqualsColdAsync(probe, [ws]));
        Assert.Contains(after.Findings, f => f.Code == FindingCodes.EditableStale);

        Directory.Move(tmp.Combine("src", "pkgproj-moved"), project);
        Assert.Equal(Health.Ok, Assert.Single(await AssertWarmEqualsColdAsync(probe, [ws])).Health);
    }

    /// <summary>The model right now (no waiting on events) against a cold scan of the same scope; returns the model's environments.</summary>
    private static async Task<IReadOnlyList<PythonEnvironment>> AssertWarmEqualsColdAsync(WatchProbe probe, IReadOnlyList<string> roots, int? maxDepth = null)
    {
        using var timeout = new CancellationTokenSource(WatchProbe.DefaultTimeout);
        var warm = await probe.Session.CurrentModelAsync(timeout.Token);
        Assert.NotNull(warm);
        var cold = await new ScanService(EnvironmentDiscovery.ForOneWalk(), new EnvironmentDiagnoser(), new InterpreterInventory())
            .ScanAsync(new ScanRequest { Roots = roots, MaxDepth = maxDepth }, null, timeout.Token);
        Assert.Equal(cold.Environments.Select(Describe), warm.Environments.Select(Describe));
        Assert.Equal(cold.Skipped, warm.Skipped);
        return warm.Environments;
    }

    /// <summary>Everything a list reports of one environment.</summary>
    private static string Describe(PythonEnvironment e) =>
        $"{e.Path} {e.Kind} {e.Manager} {e.Version} {e.Interpreter} {e.Home} {e.Prompt} {e.Health} | "
        + string.Join(" | ", e.Findings.Select(f => $"{f.Code} {f.Severity} {f.Message} {string.Join(",", f.Data.OrderBy(d => d.Key, StringComparer.Ordinal))}"))
        + " || " + string.Join(" | ", e.Suggestions.Select(s => $"{s.Action} {s.Title} {string.Join(",", s.Data.OrderBy(d => d.Key, StringComparer.Ordinal))}"));
}
