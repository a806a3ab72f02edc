using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Watching;

namespace VenvDoctor.Core.Tests.Watching;

/// <summary>
/// A degraded root (watches refused, events lost) goes back to events once it can be watched again, and says so once;
/// one that still cannot be watched stays degraded without repeating itself. Real inotify underneath.
/// </summary>
public sealed class DegradedRecoveryTests
{
    private static PythonInstall Python => Pythons.Any!;
    private static readonly WatchOptions QuickRescans = new() { RescanInterval = TimeSpan.FromMilliseconds(100) };

    [PythonFact]
    public async Task A_root_whose_watches_are_granted_again_goes_back_to_events()
    {
        using var tmp = new TempDir("vd-watch");
        var (from, backend) = MakeTooWideForItsWatches(tmp);
        await using var probe = await StartDegradedAsync(tmp, backend);

        backend.Lift();
        var recovered = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Recovered, tmp.Path, null), (recovered.Kind, recovered.Path, recovered.Reason));
        // Out of degraded mode: no periodic rescans any more, so what follows can only come from OS events.
        Assert.Empty(probe.Session.DegradedRoots);
        var rawBefore = probe.Session.Statistics.RawEvents;

        var to = tmp.Combine("other", "deeper", ".venv");
        Directory.Move(from, to);
        var moved = await probe.NextAsync();
        Assert.True((WatchEventKind.Moved, from, to) == (moved.Kind, moved.From, moved.Path), WatchProbe.Describe(probe.Seen));
        Assert.True(probe.Session.Statistics.RawEvents > rawBefore, "the move was not seen through OS events");
        await AssertNothingElseAsync(probe, tmp.Combine("other", "sentinel"));
        Assert.Empty(probe.Session.DegradedRoots);
    }

    [PythonFact]
    public async Task After_a_one_off_overflow_the_root_is_rewatched_from_scratch_and_back_to_events()
    {
        using var tmp = new TempDir("vd-watch");
        Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        var backend = new ConstrainedBackend();
        await using var probe = await WatchProbe.StartAsync(TestWatchers.Create(QuickRescans, () => backend), tmp.Path);

        // While events are lost, the project folder is replaced: the watches held for proj and proj/.venv now point
        // at deleted folders, and their removal notices are lost too. Only rewatching from scratch sees the new ones.
        backend.LoseEvents();
        Directory.Delete(tmp.Combine("proj"), recursive: true);
        var venv = Sentinel.Drop(tmp.Combine("proj", ".venv"), Python);
        backend.Overflow();
        var degraded = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Degraded, tmp.Path), (degraded.Kind, degraded.Path));
        Assert.Contains("overflow", degraded.Reason);
        backend.Resume();

        var (recovered, _) = await probe.WaitForAsync(e => e.Kind != WatchEventKind.Changed);
        Assert.True((WatchEventKind.Recovered, tmp.Path) == (recovered.Kind, recovered.Path), WatchProbe.Describe(probe.Seen));
        Assert.Empty(probe.Session.DegradedRoots);

        var to = tmp.Combine("proj", "env");
        Directory.Move(venv, to);
        var moved = await probe.NextAsync();
        Assert.True((WatchEventKind.Moved, venv, to) == (moved.Kind, moved.From, moved.Path), WatchProbe.Describe(probe.Seen));
        await AssertNothingElseAsync(probe, tmp.Combine("proj", "sentinel"));
        Assert.Single(probe.Seen, e => e.Kind == WatchEventKind.Degraded);
    }

    [PythonFact]
    public async Task A_root_that_still_cannot_be_watched_stays_degraded_with_one_notice()
    {
        using var tmp = new TempDir("vd-watch");
        var (from, backend) = MakeTooWideForItsWatches(tmp);
        await using var probe = await StartDegradedAsync(tmp, backend);

        // Every rescan asks for the missing watches again and is refused as often as the first scan was: wait for
        // three more rounds of refusals.
        var firstScan = backend.Refused;
        Assert.True(firstScan > 0);
        await backend.RefusedAtLeastAsync(4 * firstScan, WatchProbe.DefaultTimeout);
        Assert.Equal([tmp.Path], probe.Session.DegradedRoots);

        // Still reported, by rescans; and nothing in between: no second degraded notice, no recovery.
        var to = tmp.Combine("other", "deeper", ".venv");
        Directory.Move(from, to);
        var moved = await probe.NextAsync();
        Assert.True((WatchEventKind.Moved, from, to) == (moved.Kind, moved.From, moved.Path), WatchProbe.Describe(probe.Seen));
        await AssertNothingElseAsync(probe, tmp.Combine("sentinel"));
        Assert.Single(probe.Seen, e => e.Kind == WatchEventKind.Degraded);
        Assert.Equal([tmp.Path], probe.Session.DegradedRoots);
    }

    /// <summary>Drops a sentinel environment and asserts that its addition is the next (and only) event.</summary>
    /// <summary>A project with a venv and more folders than the two watches the backend grants.</summary>
    private static (string Venv, ConstrainedBackend Backend) MakeTooWideForItsWatches(TempDir tmp)
    {
        var venv = Venvs.Create(Python, tmp.Combine("proj", ".venv"));
        Directory.CreateDirectory(tmp.Combine("other", "deeper"));
        return (venv, new ConstrainedBackend(refuseAfter: 2));
    }

    /// <summary>Starts watching and waits for the one degraded notice the refused watches cause.</summary>
    private static async Task<WatchProbe> StartDegradedAsync(TempDir tmp, ConstrainedBackend backend)
    {
        var probe = await WatchProbe.StartAsync(TestWatchers.Create(QuickRescans, () => backend), tmp.Path);
        var degraded = await probe.NextAsync();
        Assert.Equal((WatchEventKind.Degraded, tmp.Path), (degraded.Kind, degraded.Path));
        return probe;
    }

    private static async Task AssertNothingElseAsync(WatchProbe probe, string sentinelDir)
    {
        Sentinel.Drop(sentinelDir, Python);
        var (_, before) = await probe.WaitForAsync(e => e.Kind == WatchEventKind.Added && e.Path == sentinelDir);
        Assert.True(before.Count == 0, $"unexpected events: {WatchProbe.Describe(before)}");
    }
}
