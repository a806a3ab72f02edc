using VenvDoctor.Core.Anatomy;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Walking;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Watching;

/// <summary>
/// Turns a batch of changes into watcher events by looking at the disk again: re-walks the tree folders that changed,
/// re-checks the environments whose files changed, pairs what vanished with what appeared (<see cref="MoveMatcher"/>),
/// diagnoses only the environments affected, and keeps the watches (tree, environment interiors, base interpreters)
/// in line with what is known. Runs on the session's loop only. Split by job: this file reconciles a batch;
/// Reconciler.Classify.cs turns raw events into a batch; Reconciler.Watches.cs keeps the base and input watches.
/// </summary>
internal sealed partial class Reconciler
{
    private readonly WatchSet watches;
    private readonly IEnvironmentDiscovery discovery;
    private readonly IEnvironmentDiagnoser diagnoser;
    private readonly IInterpreterInventory? inventory;
    private readonly WatchOptions options;
    private readonly ILogger logger;
    private readonly TreeWalker walker;
    private readonly Dictionary<string, KnownEnvironment> known = new(StringComparer.Ordinal);
    private readonly List<WatchEvent> degradedEvents = [];
    /// <summary>Roots that had a watch refused during the batch being handled: not ready to leave degraded mode.</summary>
    private readonly HashSet<string> refusedInBatch = new(StringComparer.Ordinal);
    /// <summary>
    /// Roots whose events were lost (queue overflow): their watch list may name folders deleted or replaced since,
    /// so it is rebuilt from scratch before they count as watched again.
    /// </summary>
    private readonly HashSet<string> eventsLost = new(StringComparer.Ordinal);
    /// <summary>Vanished, not yet paired with an appearance, not yet reported removed (see <see cref="WatchOptions.RemovalGrace"/>).</summary>
    private readonly List<(KnownEnvironment Environment, DateTime DeadlineUtc)> pendingRemovals = [];
    private IReadOnlyList<BaseInterpreter>? interpreters;
    private readonly Dictionary<string, SkippedPath> skipped = new(StringComparer.Ordinal);

    public Reconciler(IReadOnlyList<string> roots, WatchSet watches, IEnvironmentDiscovery discovery, IEnvironmentDiagnoser diagnoser,
        IInterpreterInventory? inventory, WatchOptions options, ILogger logger)
    {
        Roots = roots;
        this.watches = watches;
        this.discovery = discovery;
        this.diagnoser = diagnoser;
        this.inventory = inventory;
        this.options = options;
        this.logger = logger;
        walker = new TreeWalker(watches, new WalkOptions(options.MaxDepth, new PruneRules(options.ExcludeGlobs)), roots) { OnLimitReached = WatchRefused };
    }

    public IReadOnlyList<string> Roots { get; }

    /// <summary>When the earliest pending removal falls due (the loop wakes then with an empty batch); null when none.</summary>
    public DateTime? NextDeadlineUtc => pendingRemovals.Count == 0 ? null : pendingRemovals.Min(p => p.DeadlineUtc);

    /// <summary>Roots watched by periodic rescans instead of events, and why.</summary>
    public ConcurrentDictionary<string, string> Degraded { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<PythonEnvironment> Snapshot() => known.Values.Select(k => k.Diagnosis).OrderBy(e => e.Path, StringComparer.Ordinal).ToList();

    /// <summary>What the walks could not read, as the last walk of each folder left it (a scan's <c>skipped</c>).</summary>
    public IReadOnlyList<SkippedPath> SkippedSnapshot() => skipped.Values.OrderBy(s => s.Path, StringComparer.Ordinal).ToList();

    private void ReplaceSkipped(string tree, IReadOnlyList<SkippedPath> now)
    {
        foreach (var path in skipped.Keys.Where(p => Paths.IsUnderOrEqual(p, tree)).ToList()) skipped.Remove(path);
        foreach (var s in now) skipped.TryAdd(s.Path, s);
    }

    /// <summary>Walks every root, diagnoses what it finds, and begins watching. Returns the degraded notices, if any.</summary>
    public IReadOnlyList<WatchEvent> InitialScan(CancellationToken ct)
    {
        var found = new List<EnvironmentCandidate>();
        foreach (var root in Roots)
        {
            if (!Directory.Exists(root)) { logger.LogWarning("Root {Root} does not exist; watching for nothing there", root); continue; }
            var (environments, skippedThere) = walker.Walk(root, addWatches: !Degraded.ContainsKey(root), ct);
            found.AddRange(environments.Values);
            ReplaceSkipped(root, skippedThere);
        }
        foreach (var c in found)
            known[c.Path] = new KnownEnvironment(c, EnvironmentIdentity.Read(c.Path), Placeholder(c), DateTime.MinValue);
        foreach (var k in known.Values) Diagnose(k, ct);
        SyncBaseWatches();
        SyncInputWatches();
        return TakeDegradedEvents();
    }

    private void WatchRefused(string dir, string reason)
    {
        var root = RootOf(dir) ?? dir;
        refusedInBatch.Add(root);
        Degrade(root, reason);
    }

    /// <summary>Once per episode: a root already degraded stays so quietly, however often its watches are refused.</summary>
    private void Degrade(string root, string reason)
    {
        if (!Degraded.TryAdd(root, reason)) return;
        logger.LogWarning("Watching {Root} falls back to rescans every {Interval}s: {Reason}", root, options.RescanInterval.TotalSeconds, reason);
        degradedEvents.Add(WatchEvent.Degraded(root, reason));
    }

    private List<WatchEvent> TakeDegradedEvents()
    {
        var list = degradedEvents.ToList();
        degradedEvents.Clear();
        return list;
    }

    private string? RootOf(string path) => Roots.FirstOrDefault(r => Paths.IsUnderOrEqual(path, r));

    // ---- reconciling --------------------------------------------------------------------------------------------

    /// <summary>What one batch found, carried from step to step of <see cref="Reconcile"/>.</summary>
    private sealed class Pass(List<WatchEvent> events)
    {
        public List<WatchEvent> Events { get; } = events;
        public List<KnownEnvironment> Vanished { get; } = [];
        public Dictionary<string, EnvironmentCandidate> Appeared { get; } = new(StringComparer.Ordinal);
        public List<(KnownEnvironment Known, EnvironmentCandidate Now)> Changed { get; } = [];
        public List<(string From, KnownEnvironment To)> Moves { get; } = [];
        public List<string> Removed { get; } = [];
        public List<KnownEnvironment> Added { get; } = [];
        public List<EnvironmentIdentity> GoneForGood { get; } = [];
        public HashSet<string> Settled { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// One batch, in order: look at the disk again (walk changed trees, re-identify changed environments), pair what
    /// vanished with what appeared, report moves, removals and additions, then re-check what changed or is related.
    /// </summary>
    public IReadOnlyList<WatchEvent> Reconcile(ChangeBatch batch, CancellationToken ct)
    {
        PrepareBatch(batch);
        var pass = new Pass([]);
        WalkChangedTrees(batch, pass, ct);
        ReidentifyChanged(batch, pass);
        pass.Events.AddRange(TakeDegradedEvents());
        var now = DateTime.UtcNow;
        PairVanishedWithAppeared(batch, pass, now);
        ReportMovesAndAdditions(pass, ct);
        RecheckChangedAndRelated(pass, ct);
        SyncBaseWatches();
        SyncInputWatches();
        pass.Events.AddRange(TakeDegradedEvents());
        pass.Events.AddRange(Recover(batch.RetryWatches));
        return pass.Events;
    }

    private void PrepareBatch(ChangeBatch batch)
    {
        if (batch.Overflowed) batch.Trees.UnionWith(Roots);
        // In a degraded root, events show one side of a move at best (the other may be unwatched): walk it whole.
        foreach (var tree in batch.Trees.ToList())
            if (RootOf(tree) is { } root && Degraded.ContainsKey(root)) batch.Trees.Add(root);
        if (batch.BasesTouched) interpreters = null;
        refusedInBatch.Clear();
        foreach (var root in batch.RetryWatches)
            if (eventsLost.Remove(root)) watches.RemoveUnder(root, WatchRole.Tree | WatchRole.Environment);
    }

    /// <summary>Folders that are gone first: their watches go before a walk re-watches the same inodes at new paths.</summary>
    private void WalkChangedTrees(ChangeBatch batch, Pass pass, CancellationToken ct)
    {
        foreach (var tree in batch.OutermostTrees().OrderBy(t => Directory.Exists(t) ? 1 : 0))
        {
            if (RootOf(tree) is not { } root) continue;
            var exists = Directory.Exists(tree);
            var (found, skippedNow) = exists
                ? walker.Walk(tree, addWatches: !Degraded.ContainsKey(root) || batch.RetryWatches.Contains(root), ct)
                : (new Dictionary<string, EnvironmentCandidate>(StringComparer.Ordinal), new List<SkippedPath>());
            // The one-walk rule "a real folder is walked once": an environment already known at another path (its
            // real folder reached directly, or through another link) is not a second environment.
            foreach (var alias in found.Where(f => known.Values.Any(k => k.Path != f.Key && !Paths.IsUnderOrEqual(k.Path, tree)
                         && k.Candidate.RealPath == f.Value.RealPath)).Select(f => f.Key).ToList())
                found.Remove(alias);
            if (found.Count == 0 && !exists) watches.RemoveUnder(tree, WatchRole.Tree | WatchRole.Environment);
            ReplaceSkipped(tree, skippedNow);
            foreach (var k in known.Values.Where(k => Paths.IsUnderOrEqual(k.Path, tree) && !found.ContainsKey(k.Path)).ToList())
                Forget(k, pass.Vanished);
            foreach (var (path, c) in found)
                if (!known.ContainsKey(path)) pass.Appeared[path] = c;
        }
    }

    private void ReidentifyChanged(ChangeBatch batch, Pass pass)
    {
        foreach (var path in batch.Recheck)
        {
            if (!known.TryGetValue(path, out var k)) continue;
            // Identify names the manager from where the folder is; the walk's manager is what the list reports.
            if (Identify(path) is { } c) pass.Changed.Add((k, c with { Manager = k.Candidate.Manager }));
            else Forget(k, pass.Vanished);
        }
    }

    /// <summary>
    /// Vanished environments wait a grace period for their other half; gone and back at the same place is a change,
    /// not a move; a copy made just before its original was deleted is a move.
    /// </summary>
    private void PairVanishedWithAppeared(ChangeBatch batch, Pass pass, DateTime now)
    {
        foreach (var v in pass.Vanished) pendingRemovals.Add((v, now + options.RemovalGrace));
        foreach (var back in pendingRemovals.Where(p => pass.Appeared.ContainsKey(p.Environment.Path)).ToList())
        {
            pendingRemovals.Remove(back);
            known[back.Environment.Path] = back.Environment;
            pass.Changed.Add((back.Environment, pass.Appeared[back.Environment.Path]));
            pass.Appeared.Remove(back.Environment.Path);
        }
        var vanishedByPath = pendingRemovals.GroupBy(p => p.Environment.Path).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var result = MoveMatcher.Match(
            vanishedByPath.Values.Select(v => new MoveMatcher.Candidate(v.Environment.Path, v.Environment.Identity)).ToList(),
            pass.Appeared.Keys.Select(p => new MoveMatcher.Candidate(p, EnvironmentIdentity.Read(p))).ToList(),
            batch.Renames);
        if (pass.Vanished.Count + pass.Appeared.Count > 0)
            logger.LogDebug("Vanished {Vanished}; appeared {Appeared}; renames {Renames}; moves {Moves}", string.Join(", ", pass.Vanished.Select(v => v.Path)),
                string.Join(", ", pass.Appeared.Keys), string.Join(", ", batch.Renames.Select(r => $"{r.From} -> {r.To}")), result.Moves.Count);

        foreach (var (from, to) in result.Moves)
            pass.Moves.Add((from.Path, Remember(pass.Appeared[to.Path], to.Identity, DateTime.MinValue)));
        pendingRemovals.Clear();
        foreach (var gone in result.Removed)
        {
            if (vanishedByPath[gone.Path].DeadlineUtc > now && !known.ContainsKey(gone.Path))
            {
                pendingRemovals.Add(vanishedByPath[gone.Path]);   // not yet: its new place may be in the next batch
                continue;
            }
            // Copied first, original deleted now (cp -r A B; rm -rf A): the copy was reported as added; now it is a move.
            var copy = known.Values.FirstOrDefault(k => k.AddedAtUtc > now - options.CopyThenDeleteWindow
                && (k.Identity.RecordedLocation == gone.Path || k.Identity.SameAs(gone.Identity)));
            if (copy is not null) { copy.AddedAtUtc = DateTime.MinValue; pass.Moves.Add((gone.Path, copy)); }
            else pass.Removed.Add(gone.Path);
            pass.GoneForGood.Add(gone.Identity);
        }
        pass.Added.AddRange(result.Added.Select(a => Remember(pass.Appeared[a.Path], a.Identity, now)));
    }

    /// <summary>Diagnoses with the final set of known environments (a copy whose original is gone is no longer "copied").</summary>
    private void ReportMovesAndAdditions(Pass pass, CancellationToken ct)
    {
        foreach (var (from, k) in pass.Moves.OrderBy(m => m.To.Path, StringComparer.Ordinal))
        {
            Diagnose(k, ct);
            watches.RemoveUnder(k.Path, WatchRole.Tree);
            walker.WatchEnvironment(k.Path);
            pass.Events.Add(WatchEvent.Moved(from, k.Diagnosis));
            pass.Settled.Add(k.Path);
        }
        pass.Events.AddRange(pass.Removed.Order(StringComparer.Ordinal).Select(WatchEvent.Removed));
        foreach (var k in pass.Added.OrderBy(k => k.Path, StringComparer.Ordinal))
        {
            Diagnose(k, ct);
            pass.Events.Add(WatchEvent.Added(k.Diagnosis));
            pass.Settled.Add(k.Path);
        }
    }

    /// <summary>Re-check: the environments whose files changed, and those related to what moved or vanished (a copy of it).</summary>
    private void RecheckChangedAndRelated(Pass pass, CancellationToken ct)
    {
        var touched = pass.GoneForGood.Concat(pass.Moves.Select(m => m.To.Identity)).ToList();
        var recheck = pass.Changed.ToDictionary(x => x.Known.Path, x => x, StringComparer.Ordinal);
        foreach (var k in known.Values)
            if (!pass.Settled.Contains(k.Path) && !recheck.ContainsKey(k.Path) && touched.Any(t => t.SameAs(k.Identity)))
                recheck[k.Path] = (k, k.Candidate);
        foreach (var (k, c) in recheck.Values.OrderBy(x => x.Known.Path, StringComparer.Ordinal))
        {
            if (pass.Settled.Contains(k.Path) || !known.ContainsKey(k.Path)) continue;
            k.Candidate = c;
            k.Identity = EnvironmentIdentity.Read(k.Path);
            var before = KnownEnvironment.Signature(k.Diagnosis);
            Diagnose(k, ct);
            walker.WatchEnvironment(k.Path);   // bin/ or lib/ may have been re-created
            var after = KnownEnvironment.Signature(k.Diagnosis);
            logger.LogDebug("Re-checked {Path}: {Before} -> {After}", k.Path, before, after);
            if (after != before) pass.Events.Add(WatchEvent.Changed(k.Diagnosis));
        }
    }

    /// <summary>Degraded roots just walked with watches and refused none: watched by events again, rescans stop.</summary>
    private IEnumerable<WatchEvent> Recover(IEnumerable<string> retried)
    {
        foreach (var root in retried.Order(StringComparer.Ordinal).ToList())
        {
            if (refusedInBatch.Contains(root) || eventsLost.Contains(root) || !Directory.Exists(root)) continue;
            if (!Degraded.TryRemove(root, out var reason)) continue;
            logger.LogInformation("Watching {Root} by events again ({Watches} watch(es) in use); it was degraded because {Reason}", root, watches.Count, reason);
            yield return WatchEvent.Recovered(root);
        }
    }

    private KnownEnvironment Remember(EnvironmentCandidate c, EnvironmentIdentity identity, DateTime addedAt)
    {
        var k = new KnownEnvironment(c, identity, Placeholder(c), addedAt);
        known[c.Path] = k;
        return k;
    }

    private void Forget(KnownEnvironment k, List<KnownEnvironment> vanished)
    {
        known.Remove(k.Path);
        watches.RemoveUnder(k.Path, WatchRole.Environment);
        vanished.Add(k);
    }

    private EnvironmentCandidate? Identify(string path)
    {
        try { return discovery.Identify(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Diagnoses <paramref name="k"/> again and notes the folders the diagnosis read (watched until the next one).</summary>
    private void Diagnose(KnownEnvironment k, CancellationToken ct)
    {
        var c = k.Candidate;
        try
        {
            interpreters ??= inventory?.List(ct) ?? [];
            var others = known.Values.Where(o => o.Path != c.Path).Select(o => o.Candidate.RealPath).ToList();
            var tracked = diagnoser.DiagnoseTracked(c, others, interpreters, ct);
            k.Diagnosis = tracked.Environment;
            k.InputFolders = tracked.InputFolders;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Diagnosing {Path} failed", c.Path);
            k.Diagnosis = Placeholder(c) with { Health = Health.Warning };
            k.InputFolders = [];
        }
    }

    private static PythonEnvironment Placeholder(EnvironmentCandidate c) =>
        new() { Path = c.Path, Kind = c.Kind, Health = Health.Ok, Manager = c.Manager };
}
