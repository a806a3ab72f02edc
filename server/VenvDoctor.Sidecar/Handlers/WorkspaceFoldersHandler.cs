using StreamJsonRpc;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Lifecycle;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary><c>workspace/didChangeWorkspaceFolders</c>: keeps <see cref="SessionState.WorkspaceRoots"/> current.</summary>
public sealed class WorkspaceFoldersHandler(SessionState session, RequestQueue queue) : IRpcHandler, IWorkspaceFoldersMethods
{
    public void Register(RpcServerConnection connection) =>
        connection.AddTarget(RpcTargetMetadata.FromShape<IWorkspaceFoldersMethods>(), this);

    // State-changing: a request after it (e.g. venv/list) sees the new roots once it has run.
    public void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams? parameters = null) =>
        queue.Post(Methods.DidChangeWorkspaceFolders, () =>
        {
            var change = (parameters ?? new()).Event;
            session.UpdateWorkspaceRoots(LocalPaths(change.Added), LocalPaths(change.Removed));
        });

    private static IReadOnlyList<string> LocalPaths(IReadOnlyList<WorkspaceFolder> folders) =>
        folders.Select(f => FileUris.ToLocalPath(f.Uri)).OfType<string>().ToList();
}
