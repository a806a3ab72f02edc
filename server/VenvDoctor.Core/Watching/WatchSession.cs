using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Watching;

/// <summary>
/// One running watch over a set of roots. Every OS event, editor hint and rescan tick goes into one queue; a single
/// loop drains it, waits for a short quiet spell (debounce, capped by a maximum delay) and reconciles the batch
/// against the disk (<see cref="Reconciler"/>). Only that loop touches the watch set and the known environments.
/// </summary>
internal sealed class WatchSession : IWatchSession
{
    private enum SignalKind { Raw, Nudge, Rescan, Flush }
    private readonly record struct Signal(SignalKind Kind, RawWatchEvent Event, string? Path, TaskCompletionSource? Flushed = null);

    private readonly IFileWatchBackend backend;
    private readonly WatchOptions options;
    private readonly WatchEventSink sink;
    private readonly ILogger logger;
    private readonly WatchSet watches;
    private readonly Reconciler reconciler;
    private readonly Channel<Signal> signals = Channel.CreateUnbounded<Signal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stop = new();
    private Task loop = Task.CompletedTask;
    private Task rescans = Task.CompletedTask;
    private volatile IReadOnlyList<PythonEnvironment> snapshot = [];
    private volatile IReadOnlyList<SkippedPath> skipped = [];
    private int disposed;
    private long rawEvents;
    private long batches;

    public WatchSession(IReadOnlyList<string> roots, IFileWatchBackend backend, IEnvironmentDiscovery discovery, IEnvironmentDiagnoser diagnoser,
        IInterpreterInventory? inventory, WatchOptions options, WatchEventSink sink, ILogger logger)
    {
        this.backend = backend;
        this.options = options;
        this.sink = sink;
        this.logger = logger;
        watches = new WatchSet(backend, options.WatchBudget);
        // A root inside another root is covered by the outer one.
        var normalized = LiveScanService.OutermostRoots(roots).Order(StringComparer.Ordinal).ToList();
        reconciler = new Reconciler(normalized, watches, discovery, diagnoser, inventory, options, logger);
    }

    public async Task<LiveModel?> CurrentModelAsync(CancellationToken cancellationToken)
    {
        // A flush goes through the queue like any event, so everything queued before it is reconciled first; it
        // skips the debounce, since someone is waiting.
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        backend.Sync();
        if (!signals.Writer.TryWrite(new Signal(SignalKind.Flush, default, null, flushed))) return null;
        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!reconciler.Degraded.IsEmpty) return null;
        return new LiveModel(reconciler.Roots, options.MaxDepth, options.ExcludeGlobs, snapshot, skipped);
    }

    public IReadOnlyList<PythonEnvironment> Environments => snapshot;
    public int WatchCount => watches.Count;
    public int WatchBudget => watches.Budget;
    public WatchStatistics Statistics => new(Interlocked.Read(ref rawEvents), Interlocked.Read(ref batches), watches.Peak);
    public IReadOnlyCollection<string> DegradedRoots => reconciler.Degraded.Keys.ToList();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        backend.Start(e =>
        {
            Interlocked.Increment(ref rawEvents);
            signals.Writer.TryWrite(new Signal(SignalKind.Raw, e, null));
        });
        var sw = Stopwatch.StartNew();
        var pending = await Task.Run(() => reconciler.InitialScan(cancellationToken), cancellationToken).ConfigureAwait(false);
        snapshot = reconciler.Snapshot();
        skipped = reconciler.SkippedSnapshot();
        logger.LogInformation("Watching {Roots} root(s): {Environments} environment(s), {Watches} watch(es) of a budget of {Budget}, ready in {Ms} ms",
            reconciler.Roots.Count, snapshot.Count, watches.Count, watches.Budget, sw.ElapsedMilliseconds);
        await EmitAsync(WatchEvent.Ready(new ReadyFigures(snapshot.Count, watches.Count, watches.Budget)), cancellationToken).ConfigureAwait(false);
        foreach (var e in pending) await EmitAsync(e, cancellationToken).ConfigureAwait(false);
        loop = Task.Run(() => LoopAsync(stop.Token));
        rescans = Task.Run(() => RescanDegradedAsync(stop.Token));
    }

    public void Nudge(IEnumerable<string> paths)
    {
        foreach (var p in paths)
            if (Path.IsPathRooted(p)) signals.Writer.TryWrite(new Signal(SignalKind.Nudge, default, Anatomy.Paths.Full(p)));
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        var reader = signals.Reader;
        var batch = new List<Signal>();
        try
        {
            while (true)
            {
                // Pending removals wake the loop when they fall due, even with no new event.
                if (reconciler.NextDeadlineUtc is { } due)
                {
                    var until = due - DateTime.UtcNow;
                    if (until > TimeSpan.Zero && !await WaitAsync(reader, until, ct).ConfigureAwait(false) && reader.Completion.IsCompleted) break;
                }
                else if (!await reader.WaitToReadAsync(ct).ConfigureAwait(false)) break;
                var first = Stopwatch.GetTimestamp();
                Drain(reader, batch);
                while (!batch.Any(s => s.Kind == SignalKind.Flush))
                {
                    var left = options.MaxDelay - Stopwatch.GetElapsedTime(first);
                    var wait = left < options.Debounce ? left : options.Debounce;
                    if (wait <= TimeSpan.Zero || !await WaitAsync(reader, wait, ct).ConfigureAwait(false)) break;
                    Drain(reader, batch);
                }
                if (batch.All(s => s.Kind == SignalKind.Flush) && !(reconciler.NextDeadlineUtc <= DateTime.UtcNow))
                {
                    foreach (var s in batch) s.Flushed!.TrySetResult();   // nothing queued before it: the model is current
                    batch.Clear();
                    continue;
                }
                Interlocked.Increment(ref batches);
                try
                {
                    var changes = Classify(batch);
                    logger.LogDebug("Batch of {Count} signal(s): walk {Trees}; re-check {Recheck}", batch.Count,
                        string.Join(", ", changes.Trees), string.Join(", ", changes.Recheck));
                    var events = reconciler.Reconcile(changes, ct);
                    snapshot = reconciler.Snapshot();
                    skipped = reconciler.SkippedSnapshot();
                    foreach (var e in events) await EmitAsync(e, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Handling {Count} file event(s) failed; the next change or rescan looks again", batch.Count);
                }
                // Reconciled (or failed and logged): whoever waits on a flush reads the model as it is now.
                foreach (var s in batch) s.Flushed?.TrySetResult();
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            foreach (var s in batch) s.Flushed?.TrySetCanceled();
            while (reader.TryRead(out var s)) s.Flushed?.TrySetCanceled();
        }
    }

    private static void Drain(ChannelReader<Signal> reader, List<Signal> batch)
    {
        while (reader.TryRead(out var s)) batch.Add(s);
    }

    private static async ValueTask<bool> WaitAsync(ChannelReader<Signal> reader, TimeSpan wait, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        try { return await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return false; }
    }

    private ChangeBatch Classify(List<Signal> batch)
    {
        var changes = new ChangeBatch();
        foreach (var s in batch)
        {
            switch (s.Kind)
            {
                case SignalKind.Rescan: changes.Trees.Add(s.Path!); changes.RetryWatches.Add(s.Path!); break;
                case SignalKind.Nudge: reconciler.ClassifyPath(s.Path!, changes); break;
                case SignalKind.Raw: reconciler.ClassifyEvent(s.Event, changes); break;
                case SignalKind.Flush: break;
            }
        }
        return changes;
    }

    private async Task RescanDegradedAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.RescanInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                foreach (var root in reconciler.Degraded.Keys)
                    signals.Writer.TryWrite(new Signal(SignalKind.Rescan, default, root));
        }
        catch (OperationCanceledException) { }
    }

    private async ValueTask EmitAsync(WatchEvent e, CancellationToken ct)
    {
        try { await sink(e, ct).ConfigureAwait(false); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Delivering a {Kind} event failed", e.Kind);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        stop.Cancel();
        signals.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        await rescans.ConfigureAwait(false);
        backend.Dispose();
        stop.Dispose();
    }
}
