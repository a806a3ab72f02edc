using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Watching;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary>
/// <c>workspace/didChangeWatchedFiles</c>: the editor's own watcher as an extra signal for the live watch (it may see
/// what ours cannot: folders beyond the watch budget, other file systems).
/// </summary>
public sealed class WatchHandler(LiveWatchService liveWatch) : IRpcHandler
{
    public void Register(RpcMethodTable methods) =>
        methods.AddNotification("workspace/didChangeWatchedFiles", WatchJsonContext.Default.DidChangeWatchedFilesParams, (p, _) =>
        {
            liveWatch.Nudge((p.Changes ?? []).Select(c => FileUris.ToLocalPath(c.Uri)).OfType<string>());
            return ValueTask.CompletedTask;
        });
}
