using StreamJsonRpc;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Watching;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary>
/// <c>workspace/didChangeWatchedFiles</c>: the editor's own file events, an extra signal for the live watcher
/// (useful where inotify cannot see: folders beyond the watch budget, other file systems).
/// </summary>
public sealed class WatchHandler(LiveWatchService liveWatch) : IRpcHandler, IWatchMethods
{
    public void Register(RpcServerConnection connection) =>
        connection.AddTarget(RpcTargetMetadata.FromShape<IWatchMethods>(), this);

    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams? parameters = null) =>
        liveWatch.Nudge((parameters?.Changes ?? []).Select(c => FileUris.ToLocalPath(c.Uri)).OfType<string>());
}
