using System.Text.Json.Serialization.Metadata;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Protocol.Discovery;
using VenvDoctor.Sidecar.Protocol.Lifecycle;
using VenvDoctor.Sidecar.Protocol.Watching;

namespace VenvDoctor.Sidecar.Protocol;

/// <summary>A server → client notification: its name and the (source-generated) JSON of its params, kept together.</summary>
public sealed record ServerNotification<TParams>(string Method, JsonTypeInfo<TParams> Params)
{
    public ValueTask SendAsync(IRpcPeer peer, TParams value, CancellationToken cancellationToken = default) =>
        peer.NotifyAsync(Method, value, Params, cancellationToken);
}

/// <summary>Every notification the server sends (docs/protocol.md §2.6, §4, §5), declared once.</summary>
public static class ServerNotifications
{
    public static readonly ServerNotification<LogMessageParams> LogMessage = new("window/logMessage", LifecycleJsonContext.Default.LogMessageParams);

    public static readonly ServerNotification<FoundNotification> Found = new("venv/found", DiscoveryJsonContext.Default.FoundNotification);

    public static readonly ServerNotification<AddedNotification> Added = new("venv/added", WatchJsonContext.Default.AddedNotification);
    public static readonly ServerNotification<RemovedNotification> Removed = new("venv/removed", WatchJsonContext.Default.RemovedNotification);
    public static readonly ServerNotification<ChangedNotification> Changed = new("venv/changed", WatchJsonContext.Default.ChangedNotification);
    public static readonly ServerNotification<MovedNotification> Moved = new("venv/moved", WatchJsonContext.Default.MovedNotification);
    public static readonly ServerNotification<WatchDegradedNotification> WatchDegraded = new("venv/watchDegraded", WatchJsonContext.Default.WatchDegradedNotification);
    public static readonly ServerNotification<WatchRecoveredNotification> WatchRecovered = new("venv/watchRecovered", WatchJsonContext.Default.WatchRecoveredNotification);
}
