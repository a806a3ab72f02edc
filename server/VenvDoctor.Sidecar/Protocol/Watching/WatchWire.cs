using VenvDoctor.Core.Watching;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Protocol.Discovery;

namespace VenvDoctor.Sidecar.Protocol.Watching;

/// <summary>Watcher events → the RPC notifications (docs/protocol.md §5) and the CLI's <c>watch --json</c> lines.</summary>
public static class WatchWire
{
    /// <summary>Sends the event as its notification; <c>ready</c> is the CLI's alone and sends nothing.</summary>
    public static ValueTask NotifyAsync(IRpcPeer peer, WatchEvent e, CancellationToken cancellationToken) => e.Kind switch
    {
        WatchEventKind.Added => ServerNotifications.Added.SendAsync(peer, new(Diagnosis(e)!), cancellationToken),
        WatchEventKind.Removed => ServerNotifications.Removed.SendAsync(peer, new(e.Path!), cancellationToken),
        WatchEventKind.Changed => ServerNotifications.Changed.SendAsync(peer, new(Diagnosis(e)!), cancellationToken),
        WatchEventKind.Moved => ServerNotifications.Moved.SendAsync(peer, new(e.From!, e.Path!, Diagnosis(e)!), cancellationToken),
        WatchEventKind.Degraded => ServerNotifications.WatchDegraded.SendAsync(peer, new(e.Path!, e.Reason!), cancellationToken),
        WatchEventKind.Recovered => ServerNotifications.WatchRecovered.SendAsync(peer, new(e.Path!), cancellationToken),
        _ => ValueTask.CompletedTask,
    };

    public static WatchLine ToLine(WatchEvent e) => e.Kind switch
    {
        WatchEventKind.Ready => new WatchLine("ready") { Environments = e.Figures?.Environments, Watches = e.Figures?.Watches, Budget = e.Figures?.Budget },
        WatchEventKind.Moved => new WatchLine("moved") { From = e.From, To = e.Path, Diagnosis = Diagnosis(e) },
        WatchEventKind.Degraded => new WatchLine("degraded") { Root = e.Path, Reason = e.Reason },
        WatchEventKind.Recovered => new WatchLine("recovered") { Root = e.Path },
        _ => new WatchLine(Name(e.Kind)) { Path = e.Path, Diagnosis = Diagnosis(e) },
    };

    public static string Name(WatchEventKind kind) => kind switch
    {
        WatchEventKind.Ready => "ready",
        WatchEventKind.Added => "added",
        WatchEventKind.Removed => "removed",
        WatchEventKind.Changed => "changed",
        WatchEventKind.Moved => "moved",
        WatchEventKind.Degraded => "degraded",
        WatchEventKind.Recovered => "recovered",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static EnvironmentDto? Diagnosis(WatchEvent e) => e.Environment is null ? null : DiscoveryWire.ToWire(e.Environment);
}
