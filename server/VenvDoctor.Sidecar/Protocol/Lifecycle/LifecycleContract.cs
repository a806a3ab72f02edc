using System.Text.Json;
using PolyType;
using StreamJsonRpc;

namespace VenvDoctor.Sidecar.Protocol.Lifecycle;

/// <summary>
/// The LSP lifecycle methods (docs/protocol.md §2). Notification params are optional: the library drops a
/// notification whose params do not bind, and LSP clients send <c>exit</c> and <c>shutdown</c> without any.
/// </summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface ILifecycleMethods
{
    [JsonRpcMethod(Methods.Initialize, UseSingleObjectParameterDeserialization = true)]
    Task<InitializeResult> InitializeAsync(InitializeParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(Methods.Initialized, UseSingleObjectParameterDeserialization = true)]
    void Initialized(JsonElement? parameters = null);

    [JsonRpcMethod(Methods.Shutdown, UseSingleObjectParameterDeserialization = true)]
    Task ShutdownAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(Methods.Exit, UseSingleObjectParameterDeserialization = true)]
    void Exit(JsonElement? parameters = null);

    [JsonRpcMethod(Methods.SetTrace, UseSingleObjectParameterDeserialization = true)]
    void SetTrace(SetTraceParams? parameters = null);
}

/// <summary>Workspace folder changes (docs/protocol.md §2.3).</summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface IWorkspaceFoldersMethods
{
    [JsonRpcMethod(Methods.DidChangeWorkspaceFolders, UseSingleObjectParameterDeserialization = true)]
    void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams? parameters = null);
}
