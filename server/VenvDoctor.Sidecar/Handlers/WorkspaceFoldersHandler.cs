using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Lifecycle;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary><c>workspace/didChangeWorkspaceFolders</c>: keeps <see cref="SessionState.WorkspaceRoots"/> current.</summary>
public sealed class WorkspaceFoldersHandler(SessionState session) : IRpcHandler
{
    public void Register(RpcMethodTable methods) =>
        methods.AddNotification("workspace/didChangeWorkspaceFolders", LifecycleJsonContext.Default.DidChangeWorkspaceFoldersParams, (p, _) =>
        {
            session.UpdateWorkspaceRoots(LocalPaths(p.Event.Added), LocalPaths(p.Event.Removed));
            return ValueTask.CompletedTask;
        }, MethodOptions.ChangesState);

    private static IReadOnlyList<string> LocalPaths(IReadOnlyList<WorkspaceFolder> folders) =>
        folders.Select(f => FileUris.ToLocalPath(f.Uri)).OfType<string>().ToList();
}
