using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Watching;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Tests.Watching;

/// <summary>The watcher on real venvs and real file operations (rename, copy, delete), inotify underneath (Linux's platform).</summary>
public sealed class EnvironmentWatcherTests : WatcherCases
{
    protected override IFileWatchBackend NewBackend() => new InotifyBackend();
}

/// <summary>
/// The same cases over <see cref="FileSystemWatcherBackend"/>, the portable platform's backend (ReadDirectoryChangesW
/// on Windows, FSEvents on macOS), here on real folders over .NET's Linux implementation of it.
/// </summary>
public sealed class FileSystemWatcherBackendWatcherTests : WatcherCases
{
    protected override IFileWatchBackend NewBackend() => new FileSystemWatcherBackend();
}

/// <summary>Every watcher case, run once per backend (each subclass names its backend).</summary>
public abstract class WatcherCases
{
    private static PythonInstall Python => Pythons.Any!;

    protected abstract IFileWatchBackend NewBackend();

    private EnvironmentWatcher Watcher(WatchOptions? options = null) => TestWatchers.Create(options, NewBackend);

    [PythonFact]
    public async Task Renaming_a_venv_is_one_move_with_a_new_diagnosis()
    {
        using var tmp = new TempDir("vd-watch");
        var from = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        await using var probe = await WatchProbe.StartAsync(Watcher(), tmp.Path);
        Assert.Equal([from], probe.Session.Environments.Select(e => e.Path));

        var to = tmp.Combine("proj", "env");
        Directory.Move(from, to);

        var moved = await probe.NextAsync();
        Assert.Equal(WatchEventKind.Moved, moved.Kind);
        Assert.Equal(from, moved.From);
        Assert.Equal(to, moved.Path);
        Assert.Equal(to, moved.Environment!.Path);
        Assert.Contains(moved.Environment.Findings, f => f.Code == FindingCodes.Moved && f.Data["recordedPath"] == from);
        await AssertNothingElseAsync(probe, tmp.Combine("proj", "sentinel"));
        Assert.Equal([to, tmp.Combine("proj", "sentinel")], probe.Session.Environments.Select(e => e.Path));
    }

    [PythonFact]
    public async Task A_new_venv_is_added_and_a_deleted_one_removed()
    {
        using var tmp = new TempDir("vd-watch");
        Directory.CreateDirectory(tmp.Combine("proj"));
        await using var probe = await WatchProbe.StartAsync(Watcher(), tmp.Path);
        Assert.Empty(probe.Session.Environments);

        var venv = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        var added = await probe.NextAsync();
        Assert.Equal(WatchEventKind.Added, added.Kind);
        Assert.Equal(venv, added.Path);
        Assert.Equal(Health.Ok, added.Environment!.Health);

        Directory.Delete(venv, recursive: true);
        var removed = await probe.NextAsync();
        Assert.Equal(WatchEventKind.Removed, removed.Kind);
        Assert.Equal(venv, removed.Path);
        Assert.Null(removed.Environment);
        await AssertNothingElseAsync(probe, tmp.Combine("sentinel"));
    }

    [PythonFact]
    public async Task Moving_between_two_watched_roots_is_a_move()
    {
        using var tmp = new TempDir("vd-watch");
        var a = Directory.CreateDirectory(tmp.Combine("a")).FullName;
        var b = Directory.CreateDirectory(tmp.Combine("b")).FullName;
        var from = Venvs.Create(Python, Path.Combine(a, "venv"));
        await using var probe = await WatchProbe.StartAsync(Watcher(), a, b);

        var to = Path.Combine(b, "moved-here");
        Directory.Move(from, to);

        var moved = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Moved, from, to), (moved.Kind, moved.From, moved.Path));
        await AssertNothingElseAsync(probe, Path.Combine(b, "sentinel"));
    }

    [PythonFact]
    public async Task Copy_then_delete_is_reported_as_a_move_by_identity()
    {
        using var tmp = new TempDir("vd-watch");
        var a = Directory.CreateDirectory(tmp.Combine("a")).FullName;
        var b = Directory.CreateDirectory(tmp.Combine("b")).FullName;
        var from = Venvs.Create(Python, Path.Combine(a, "venv"));
        await using var probe = await WatchProbe.StartAsync(Watcher(), a, b);

        // No rename for the OS to pair: a copy appears (reported as added), then the original goes.
        var to = Path.Combine(b, "copy");
        Run.Checked("cp", "-a", from, to);
        var added = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Added, to), (added.Kind, added.Path));

        Directory.Delete(from, recursive: true);
        var moved = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Moved, from, to), (moved.Kind, moved.From, moved.Path));
        Assert.Contains(moved.Environment!.Findings, f => f.Code == FindingCodes.Moved);
        await AssertNothingElseAsync(probe, Path.Combine(b, "sentinel"));
    }

    [PythonFact]
    public async Task A_copy_is_added_and_is_not_a_move()
    {
        using var tmp = new TempDir("vd-watch");
        var original = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        await using var probe = await WatchProbe.StartAsync(Watcher(), tmp.Path);

        var copy = tmp.Combine("proj", "copy");
        Run.Checked("cp", "-a", original, copy);

        var added = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Added, copy), (added.Kind, added.Path));
        Assert.Contains(added.Environment!.Findings, f => f.Code == FindingCodes.Copied);
        await AssertNothingElseAsync(probe, tmp.Combine("proj", "sentinel"));
        Assert.Equal([original, copy, tmp.Combine("proj", "sentinel")], probe.Session.Environments.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [PythonFact]
    public async Task Renaming_the_project_folder_moves_each_environment_inside()
    {
        using var tmp = new TempDir("vd-watch");
        var one = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        var two = Venvs.Create(Python, tmp.Combine("proj", "tools", "env"));
        await using var probe = await WatchProbe.StartAsync(Watcher(), tmp.Path);

        Directory.Move(tmp.Combine("proj"), tmp.Combine("renamed"));

        var first = await probe.NextAsync();
        var second = await probe.NextAsync();
        Assert.Equal(
            [(WatchEventKind.Moved, one, tmp.Combine("renamed", ".venv")), (WatchEventKind.Moved, two, tmp.Combine("renamed", "tools", "env"))],
            new[] { first, second }.Select(e => (e.Kind, e.From, e.Path)));
        await AssertNothingElseAsync(probe, tmp.Combine("renamed", "sentinel"));

        // Watches followed the rename: a later change inside the renamed tree is still seen.
        Directory.Delete(tmp.Combine("renamed", "tools", "env"), recursive: true);
        var removed = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Removed, tmp.Combine("renamed", "tools", "env")), (removed.Kind, removed.Path));
    }

    [PyenvFact]
    public async Task Removing_the_base_interpreter_changes_the_diagnosis_at_once()
    {
        var pyenv = PyenvFactAttribute.Newest(1)[0];
        using var tmp = new TempDir("vd-watch");
        var (copy, copiedPython) = PrivateBases.Copy(pyenv, tmp.Combine("pyenv-copy"));
        var venv = Venvs.Create(copiedPython, tmp.Combine("ws", "proj", ".venv"));
        await using var probe = await WatchProbe.StartAsync(Watcher(), tmp.Combine("ws"));
        Assert.Equal(Health.Ok, probe.Session.Environments.Single().Health);
        // ws, proj; venv root/bin/lib and site-packages (read by its diagnosis); base bin/prefix/parent
        Assert.True(probe.Session.WatchCount <= 2 + 4 + 3, $"{probe.Session.WatchCount} watches");

        Directory.Delete(copy, recursive: true);

        var changed = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Changed, venv), (changed.Kind, changed.Path));
        Assert.Equal(Health.Broken, changed.Environment!.Health);
        Assert.Contains(changed.Environment.Findings, f => f.Code == FindingCodes.BaseMissing);
        await AssertNothingElseAsync(probe, tmp.Combine("ws", "sentinel"));
    }

    [PyenvFact(installs: 2)]
    public async Task Re_pointing_a_symlinked_prefix_to_another_minor_is_noticed_at_once()
    {
        // Homebrew-style: opt/python@3 -> Cellar/<version>; `brew upgrade` re-points the link to a new minor.
        var pyenvs = PyenvFactAttribute.Newest(2);
        using var tmp = new TempDir("vd-watch");
        string Install(PythonInstall p) => PrivateBases.Copy(p, tmp.Combine("Cellar")).Prefix;
        var older = Install(pyenvs[1]);
        var newer = Install(pyenvs[0]);
        Directory.CreateDirectory(tmp.Combine("opt"));
        var link = tmp.Combine("opt", "python@3");
        File.CreateSymbolicLink(link, older);
        var viaLink = new PythonInstall(Path.Combine(link, "bin", Path.GetFileName(pyenvs[1].Executable)), pyenvs[1].Version, "brew-like");
        var venv = Venvs.Create(viaLink, tmp.Combine("ws", ".venv"));
        await using var probe = await WatchProbe.StartAsync(Watcher(), tmp.Combine("ws"));
        Assert.Equal(Health.Ok, probe.Session.Environments.Single().Health);

        Run.Checked("ln", "-sfn", newer, link);   // replaces the link (a new link renamed over the old one)

        var changed = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Changed, venv), (changed.Kind, changed.Path));
        Assert.Equal(Health.Broken, changed.Environment!.Health);
        Assert.Contains(changed.Environment.Findings, f => f.Code is FindingCodes.BaseMissing or FindingCodes.BaseVersionChanged);
    }

    [PythonFact]
    public async Task A_burst_of_ten_thousand_file_changes_is_coalesced()
    {
        using var tmp = new TempDir("vd-watch");
        var from = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        var data = Directory.CreateDirectory(tmp.Combine("proj", "data")).FullName;
        await using var probe = await WatchProbe.StartAsync(Watcher(), tmp.Path);

        // Like a checkout: 10,000 files written in the project, 100 folders created, and the venv's bin touched.
        for (var i = 0; i < 100; i++) Directory.CreateDirectory(Path.Combine(data, $"d{i}"));
        for (var i = 0; i < 10_000; i++) File.WriteAllText(Path.Combine(data, $"d{i % 100}", $"f{i}.py"), "x = 1\n");
        for (var i = 0; i < 200; i++) File.WriteAllText(Path.Combine(from, "bin", $"tool{i}"), "#!/bin/sh\n");
        var to = tmp.Combine("proj", ".venv2");
        Directory.Move(from, to);

        var (moved, before) = await probe.WaitForAsync(e => e.Kind == WatchEventKind.Moved);
        Assert.Equal((from, to), (moved.From, moved.Path));
        Assert.Empty(before);   // nothing about the environment changed before the move: no events at all
        var stats = probe.Session.Statistics;
        Assert.True(stats.RawEvents >= 200, $"raw events {stats.RawEvents}");
        // Coalesced: each batch (one look at the disk) covers many OS events, however slowly the burst is written.
        Assert.True(stats.RawEvents / Math.Max(stats.Batches, 1) >= 20, $"{stats.RawEvents} events were handled in {stats.Batches} batches");
        Assert.True(probe.Session.WatchCount < 150, $"{probe.Session.WatchCount} watches");
    }

    [PythonFact]
    public async Task When_watches_are_refused_the_root_is_rescanned_and_a_move_still_reported()
    {
        using var tmp = new TempDir("vd-watch");
        var from = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        Directory.CreateDirectory(tmp.Combine("other", "deeper"));
        var backend = new ConstrainedBackend(refuseAfter: 2, NewBackend());
        await using var probe = await WatchProbe.StartAsync(TestWatchers.Create(backend: () => backend), tmp.Path);

        var degraded = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Degraded, tmp.Path), (degraded.Kind, degraded.Path));
        Assert.Contains("ENOSPC", degraded.Reason);
        Assert.True(backend.Refused > 0);
        Assert.Equal([tmp.Path], probe.Session.DegradedRoots);

        var to = tmp.Combine("other", "deeper", ".venv");
        Directory.Move(from, to);
        var moved = await probe.NextAsync();
        Assert.True((WatchEventKind.Moved, from, to) == (moved.Kind, moved.From, moved.Path), WatchProbe.Describe(probe.Seen));
    }

    [PythonFact]
    public async Task After_an_overflow_the_watcher_degrades_and_still_reports_a_move()
    {
        using var tmp = new TempDir("vd-watch");
        var from = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        var backend = new ConstrainedBackend(inner: NewBackend());
        await using var probe = await WatchProbe.StartAsync(TestWatchers.Create(backend: () => backend), tmp.Path);

        backend.Overflow();   // from here on, every OS event is lost
        var degraded = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Degraded, tmp.Path), (degraded.Kind, degraded.Path));
        Assert.Contains("overflow", degraded.Reason);

        var to = tmp.Combine("moved");
        Directory.Move(from, to);
        var moved = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Moved, from, to), (moved.Kind, moved.From, moved.Path));
    }

    [PythonFact]
    public async Task Only_the_tree_and_environment_levels_are_watched()
    {
        using var tmp = new TempDir("vd-watch");
        var venv = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        // Interior bulk that must stay unwatched: packages in site-packages, node_modules, .git.
        var site = Directory.EnumerateDirectories(Path.Combine(venv, "lib")).Single();
        for (var i = 0; i < 50; i++) Directory.CreateDirectory(Path.Combine(site, "site-packages", $"pkg{i}", "sub"));
        for (var i = 0; i < 50; i++) Directory.CreateDirectory(tmp.Combine("proj", "node_modules", $"m{i}"));
        for (var i = 0; i < 50; i++) Directory.CreateDirectory(tmp.Combine("proj", ".git", "objects", $"{i:x2}"));
        for (var i = 0; i < 5; i++) Directory.CreateDirectory(tmp.Combine("proj", "src", $"pkg{i}"));

        await using var probe = await WatchProbe.StartAsync(Watcher(), tmp.Path);

        var home = EnvironmentIdentity.Read(venv).Home!;
        var baseFolders = new[] { home, Path.GetDirectoryName(home)!, Path.GetDirectoryName(Path.GetDirectoryName(home)!)! }
            .Where(d => d.Length > 1 && Directory.Exists(d)).Distinct().Count();
        // tree: root, proj, src, src/pkg0..4 = 8; venv: root, bin, lib = 3, and site-packages itself (not the
        // packages in it), which its diagnosis reads
        Assert.Equal(8 + 3 + 1 + baseFolders, probe.Session.WatchCount);
    }

    [PythonFact]
    public async Task An_editor_hint_makes_the_watcher_look_again()
    {
        using var tmp = new TempDir("vd-watch");
        var venv = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        var backend = new ConstrainedBackend(inner: NewBackend());
        await using var probe = await WatchProbe.StartAsync(TestWatchers.Create(new WatchOptions { RescanInterval = TimeSpan.FromHours(1) }, () => backend), tmp.Path);
        backend.Overflow();
        Assert.Equal(WatchEventKind.Degraded, (await probe.NextAsync()).Kind);   // the overflow's own full rescan: nothing changed yet

        // With OS events lost and rescans far away, only the hint can reveal the deletion.
        Directory.Delete(venv, recursive: true);
        probe.Session.Nudge([Path.Combine(venv, "pyvenv.cfg")]);
        var removed = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Removed, venv), (removed.Kind, removed.Path));
    }

    /// <summary>Drops a sentinel environment and asserts that its addition is the next (and only) event.</summary>
    private static async Task AssertNothingElseAsync(WatchProbe probe, string sentinelDir)
    {
        Sentinel.Drop(sentinelDir, Python);
        var (added, before) = await probe.WaitForAsync(e => e.Kind == WatchEventKind.Added && e.Path == sentinelDir);
        Assert.True(before.Count == 0, $"unexpected events: {WatchProbe.Describe(before)}");
    }
}

/// <summary>A [Fact] that needs pyenv-built Pythons 3.8+ (whole install trees to copy), skipped with the reason otherwise.</summary>
public sealed class PyenvFactAttribute : FactAttribute
{
    /// <summary>The newest pyenv installs of distinct minors, newest first.</summary>
    public static IReadOnlyList<PythonInstall> Newest(int count) =>
        Pythons.All.Where(p => p.Source == "pyenv" && p.Version >= new Version(3, 8)).GroupBy(p => p.Minor)
            .Select(g => g.OrderByDescending(p => p.Version).First()).OrderByDescending(p => p.Version).Take(count).ToList();

    public PyenvFactAttribute(int installs = 1)
    {
        if (Newest(installs).Count < installs)
            Skip = $"Needs {installs} pyenv-built Python 3.8+ install(s) of different minors (looked in $PYENV_ROOT/versions)";
    }
}
