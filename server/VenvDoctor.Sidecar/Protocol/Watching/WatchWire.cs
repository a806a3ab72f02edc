using VenvDoctor.Core.Watching;
using VenvDoctor.Sidecar.Protocol.Discovery;

namespace VenvDoctor.Sidecar.Protocol.Watching;

/// <summary>Watcher events → CLI lines (the RPC notifications are built in the watch service, one per kind).</summary>
public static class WatchWire
{
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
