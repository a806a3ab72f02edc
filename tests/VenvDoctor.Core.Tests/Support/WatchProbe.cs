using System.Threading.Channels;
using VenvDoctor.Core.Watching;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// Collects a watch session's events into a queue that tests wait on (with a timeout: never a sleep).
/// </summary>
public sealed class WatchProbe : IAsyncDisposable
{
    private readonly Channel<WatchEvent> events = Channel.CreateUnbounded<WatchEvent>();

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public IWatchSession Session { get; private set; } = null!;
    public List<WatchEvent> Seen { get; } = [];

    public static async Task<WatchProbe> StartAsync(IEnvironmentWatcher watcher, params string[] roots)
    {
        var probe = new WatchProbe();
        probe.Session = await watcher.StartAsync(roots, (e, _) => { probe.events.Writer.TryWrite(e); return ValueTask.CompletedTask; }, null,
            new CancellationTokenSource(DefaultTimeout).Token);
        var ready = await probe.NextAsync();
        Assert.Equal(WatchEventKind.Ready, ready.Kind);
        return probe;
    }

    /// <summary>The next event, or a failure naming what was seen if none comes in time.</summary>
    public async Task<WatchEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            var e = await events.Reader.ReadAsync(cts.Token);
            Seen.Add(e);
            return e;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No watch event within {(timeout ?? DefaultTimeout).TotalSeconds}s; seen so far: {Describe(Seen)}; log: {string.Join(" / ", ListLogger<EnvironmentWatcher>.Lines)}");
        }
    }

    /// <summary>Reads events until one matches; returns it with the events before it.</summary>
    public async Task<(WatchEvent Match, List<WatchEvent> Before)> WaitForAsync(Func<WatchEvent, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var before = new List<WatchEvent>();
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No matching watch event; seen: {Describe(Seen)}");
            var e = await NextAsync(left);
            if (match(e)) return (e, before);
            before.Add(e);
        }
    }

    /// <summary>Everything that arrived so far without waiting.</summary>
    public List<WatchEvent> Drain()
    {
        var list = new List<WatchEvent>();
        while (events.Reader.TryRead(out var e)) { Seen.Add(e); list.Add(e); }
        return list;
    }

    public static string Describe(IEnumerable<WatchEvent> list) =>
        string.Join(", ", list.Select(e => e.Kind switch
        {
            WatchEventKind.Moved => $"moved {e.From} -> {e.Path}",
            WatchEventKind.Degraded => $"degraded {e.Path} ({e.Reason})",
            WatchEventKind.Recovered => $"recovered {e.Path}",
            _ => $"{e.Kind.ToString().ToLowerInvariant()} {e.Path} {e.Environment?.Health}",
        }));

    public async ValueTask DisposeAsync()
    {
        if (Session is not null) await Session.DisposeAsync();
    }
}
