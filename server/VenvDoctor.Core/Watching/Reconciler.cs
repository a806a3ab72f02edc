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
/// in line with what is known. Runs on the session's loop only.
/// </summary>
internal sealed class Reconciler
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
        walker = new TreeWalker(discovery, watches, new PruneRules(options.ExcludeGlobs), roots) { OnLimitReached = WatchRefused };
    }

    public IReadOnlyList<string> Roots { get; }

    /// <summary>When the earliest pending removal falls due (the loop wakes then with an empty batch); null when none.</summary>
    public DateTime? NextDeadlineUtc => pendingRemovals.Count == 0 ? null : pendingRemovals.Min(p => p.DeadlineUtc);

    /// <summary>Roots watched by periodic rescans instead of events, and why.</summary>
    public ConcurrentDictionary<string, string> Degraded { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<PythonEnvironment> Snapshot() => known.Values.Select(k => k.Diagnosis).OrderBy(e => e.Path, StringComparer.Ordinal).ToList();

    /// <summary>Walks every root, diagnoses what it finds, and begins watching. Returns the degraded notices, if any.</summary>
    public IReadOnlyList<WatchEvent> InitialScan(CancellationToken ct)
    {
        var found = new List<EnvironmentCandidate>();
        foreach (var root in Roots)
        {
            if (!Directory.Exists(root)) { logger.LogWarning("Root {Root} does not exist; watching for nothing there", root); continue; }
            found.AddRange(walker.Walk(root, addWatches: !Degraded.ContainsKey(root), ct).Values);
        }
        foreach (var c in found)
            known[c.Path] = new KnownEnvironment(c, EnvironmentIdentity.Read(c.Path), Placeholder(c), DateTime.MinValue);
        foreach (var k in known.Values) k.Diagnosis = Diagnose(k.Candidate, ct);
        SyncBaseWatches();
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

    private string? RootOf(string path) => Roots.FirstOrDefault(r => PathUtil.IsUnderOrEqual(path, r));

    // ---- classifying events -------------------------------------------------------------------------------------

    public void ClassifyEvent(RawWatchEvent e, ChangeBatch batch)
    {
        if (e.Kind == RawEventKind.Overflow)
        {
            foreach (var root in Roots)
            {
                eventsLost.Add(root);
                Degrade(root, "the event queue overflowed: events were lost");
            }
            batch.Overflowed = true;
            return;
        }
        if (!watches.TryGet(e.Handle, out var w)) return;   // a watch we already dropped
        var full = e.Name is null ? w.Path : Path.Join(w.Path, e.Name);
        if (e.Kind == RawEventKind.Ignored) watches.Forget(e.Handle);
        batch.NoteMove(e, full);

        if ((w.Roles & WatchRole.Environment) != 0 && w.Environment is not null)
            batch.Recheck.Add(w.Environment);
        if ((w.Roles & WatchRole.Tree) != 0)
        {
            if (e.Name is null) batch.Trees.Add(w.Path);                  // the folder itself went away or moved
            else if (e.IsDirectory)                                        // a folder created, deleted or renamed;
                batch.Trees.Add(TreeWalker.Markers.Contains(e.Name) ? w.Path : full);   // bin/, lib/, conda-meta/: is the parent an environment now?
            else if (e.Kind != RawEventKind.Modified) ClassifyEntry(w.Path, full, e.Name, e.Kind, batch);
        }
        if ((w.Roles & WatchRole.Base) != 0)
        {
            batch.BasesTouched = true;
            foreach (var k in known.Values)
                if (k.DependsOn(full)) batch.Recheck.Add(k.Path);
        }
    }

    /// <summary>A file (or symlink) entry in a tree folder: only a few names can make a folder an environment.</summary>
    private void ClassifyEntry(string folder, string full, string name, RawEventKind kind, ChangeBatch batch)
    {
        if (name is "pyvenv.cfg" || known.ContainsKey(full))
            batch.Trees.Add(name is "pyvenv.cfg" ? folder : full);
        else if (kind is RawEventKind.Created or RawEventKind.MovedTo && Directory.Exists(full))
            batch.Trees.Add(full);                                         // a symlink to a folder (.venv -> elsewhere)
    }

    /// <summary>A path the editor says changed: re-check its environment, or re-walk the tree around it.</summary>
    public void ClassifyPath(string path, ChangeBatch batch)
    {
        var owner = known.Keys.FirstOrDefault(k => PathUtil.IsUnderOrEqual(path, k));
        if (owner is not null) { batch.Recheck.Add(owner); if (owner == path) batch.Trees.Add(path); return; }
        if (RootOf(path) is null) return;
        batch.Trees.Add(Path.GetFileName(path) == "pyvenv.cfg" || File.Exists(path) ? Path.GetDirectoryName(path)! : path);
    }

    // ---- reconciling --------------------------------------------------------------------------------------------

    public IReadOnlyList<WatchEvent> Reconcile(ChangeBatch batch, CancellationToken ct)
    {
        if (batch.Overflowed) batch.Trees.UnionWith(Roots);
        // In a degraded root, events show one side of a move at best (the other may be unwatched): walk it whole.
        foreach (var tree in batch.Trees.ToList())
            if (RootOf(tree) is { } root && Degraded.ContainsKey(root)) batch.Trees.Add(root);
        if (batch.BasesTouched) interpreters = null;
        refusedInBatch.Clear();
        foreach (var root in batch.RetryWatches)
            if (eventsLost.Remove(root)) watches.RemoveUnder(root, WatchRole.Tree | WatchRole.Environment);
        var vanished = new List<KnownEnvironment>();
        var appeared = new Dictionary<string, EnvironmentCandidate>(StringComparer.Ordinal);

        // Folders that are gone first: their watches go before a walk re-watches the same inodes at new paths.
        foreach (var tree in batch.OutermostTrees().OrderBy(t => Directory.Exists(t) ? 1 : 0))
        {
            if (RootOf(tree) is not { } root) continue;
            var found = Directory.Exists(tree)
                ? walker.Walk(tree, addWatches: !Degraded.ContainsKey(root) || batch.RetryWatches.Contains(root), ct)
                : [];
            if (found.Count == 0 && !Directory.Exists(tree)) watches.RemoveUnder(tree, WatchRole.Tree | WatchRole.Environment);
            foreach (var k in known.Values.Where(k => PathUtil.IsUnderOrEqual(k.Path, tree) && !found.ContainsKey(k.Path)).ToList())
                Forget(k, vanished);
            foreach (var (path, c) in found)
                if (!known.ContainsKey(path)) appeared[path] = c;
        }
        var changedCandidates = new List<(KnownEnvironment, EnvironmentCandidate)>();
        foreach (var path in batch.Recheck)
        {
            if (!known.TryGetValue(path, out var k)) continue;
            if (Identify(path) is { } c) changedCandidates.Add((k, c));
            else Forget(k, vanished);
        }

        var events = TakeDegradedEvents();
        var now = DateTime.UtcNow;
        foreach (var v in vanished) pendingRemovals.Add((v, now + options.RemovalGrace));
        // Gone and back at the same place (deleted and re-created, or a folder renamed away and back): not a move.
        foreach (var back in pendingRemovals.Where(p => appeared.ContainsKey(p.Environment.Path)).ToList())
        {
            pendingRemovals.Remove(back);
            known[back.Environment.Path] = back.Environment;
            changedCandidates.Add((back.Environment, appeared[back.Environment.Path]));
            appeared.Remove(back.Environment.Path);
        }
        var vanishedByPath = pendingRemovals.GroupBy(p => p.Environment.Path).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var result = MoveMatcher.Match(
            vanishedByPath.Values.Select(v => new MoveMatcher.Candidate(v.Environment.Path, v.Environment.Identity)).ToList(),
            appeared.Keys.Select(p => new MoveMatcher.Candidate(p, EnvironmentIdentity.Read(p))).ToList(),
            batch.Renames);
        if (vanished.Count + appeared.Count > 0)
            logger.LogDebug("Vanished {Vanished}; appeared {Appeared}; renames {Renames}; moves {Moves}", string.Join(", ", vanished.Select(v => v.Path)),
                string.Join(", ", appeared.Keys), string.Join(", ", batch.Renames.Select(r => $"{r.From} -> {r.To}")), result.Moves.Count);
        var settled = new HashSet<string>(StringComparer.Ordinal);
        var pendingMoves = new List<(string From, KnownEnvironment To)>();

        foreach (var (from, to) in result.Moves)
            pendingMoves.Add((from.Path, Remember(appeared[to.Path], to.Identity, DateTime.MinValue)));
        var removed = new List<string>();
        pendingRemovals.Clear();
        var goneForGood = new List<EnvironmentIdentity>();
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
            if (copy is not null) { copy.AddedAtUtc = DateTime.MinValue; pendingMoves.Add((gone.Path, copy)); }
            else removed.Add(gone.Path);
            goneForGood.Add(gone.Identity);
        }
        var added = result.Added.Select(a => Remember(appeared[a.Path], a.Identity, now)).ToList();

        // Diagnose with the final set of known environments (a copy whose original is gone is no longer "copied").
        foreach (var (from, k) in pendingMoves.OrderBy(m => m.To.Path, StringComparer.Ordinal))
        {
            k.Diagnosis = Diagnose(k.Candidate, ct);
            watches.RemoveUnder(k.Path, WatchRole.Tree);
            walker.WatchEnvironment(k.Path);
            events.Add(WatchEvent.Moved(from, k.Diagnosis));
            settled.Add(k.Path);
        }
        events.AddRange(removed.Order(StringComparer.Ordinal).Select(WatchEvent.Removed));
        foreach (var k in added.OrderBy(k => k.Path, StringComparer.Ordinal))
        {
            k.Diagnosis = Diagnose(k.Candidate, ct);
            events.Add(WatchEvent.Added(k.Diagnosis));
            settled.Add(k.Path);
        }

        // Re-check: the environments whose files changed, and those related to what moved or vanished (a copy of it).
        var touched = goneForGood.Concat(pendingMoves.Select(m => m.To.Identity)).ToList();
        var recheck = changedCandidates.ToDictionary(x => x.Item1.Path, x => x, StringComparer.Ordinal);
        foreach (var k in known.Values)
            if (!settled.Contains(k.Path) && !recheck.ContainsKey(k.Path) && touched.Any(t => t.SameAs(k.Identity)))
                recheck[k.Path] = (k, k.Candidate);
        foreach (var (k, c) in recheck.Values.OrderBy(x => x.Item1.Path, StringComparer.Ordinal))
        {
            if (settled.Contains(k.Path) || !known.ContainsKey(k.Path)) continue;
            k.Candidate = c;
            k.Identity = EnvironmentIdentity.Read(k.Path);
            var before = KnownEnvironment.Signature(k.Diagnosis);
            k.Diagnosis = Diagnose(c, ct);
            walker.WatchEnvironment(k.Path);   // bin/ or lib/ may have been re-created
            var after = KnownEnvironment.Signature(k.Diagnosis);
            logger.LogDebug("Re-checked {Path}: {Before} -> {After}", k.Path, before, after);
            if (after != before) events.Add(WatchEvent.Changed(k.Diagnosis));
        }
        SyncBaseWatches();
        events.AddRange(TakeDegradedEvents());
        events.AddRange(Recover(batch.RetryWatches));
        return events;
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

    private PythonEnvironment Diagnose(EnvironmentCandidate c, CancellationToken ct)
    {
        try
        {
            interpreters ??= inventory?.List(ct) ?? [];
            var others = known.Values.Where(k => k.Path != c.Path).Select(k => k.Candidate.RealPath).ToList();
            return diagnoser.Diagnose(c, others, interpreters, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Diagnosing {Path} failed", c.Path);
            return Placeholder(c) with { Health = Health.Warning };
        }
    }

    private static PythonEnvironment Placeholder(EnvironmentCandidate c) =>
        new() { Path = c.Path, Kind = c.Kind, Health = Health.Ok, Manager = c.Manager };

    /// <summary>Watches exactly the base folders known environments depend on (a handful, shared between them).</summary>
    private void SyncBaseWatches()
    {
        var wanted = known.Values.SelectMany(k => k.BaseFolders()).ToHashSet(StringComparer.Ordinal);
        foreach (var path in watches.PathsWith(WatchRole.Base))
            if (!wanted.Contains(path)) watches.Remove(path, WatchRole.Base);
        foreach (var path in wanted)
        {
            if (!Directory.Exists(path)) continue;   // removed: the folder above it (also watched) sees it come back
            var r = watches.Add(path, WatchRole.Base);
            if (r.Status == WatchAddStatus.LimitReached)
                logger.LogWarning("Cannot watch base interpreter folder {Path}: {Reason}", path, r.Error);
        }
    }
}
