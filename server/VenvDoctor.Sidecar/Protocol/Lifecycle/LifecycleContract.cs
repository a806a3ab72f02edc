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
    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    Task<InitializeResult> InitializeAsync(InitializeParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    void Initialized(JsonElement? parameters = null);

    [JsonRpcMethod("shutdown", UseSingleObjectParameterDeserialization = true)]
    Task ShutdownAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("exit", UseSingleObjectParameterDeserialization = true)]
    void Exit(JsonElement? parameters = null);

    [JsonRpcMethod("$/setTrace", UseSingleObjectParameterDeserialization = true)]
    void SetTrace(SetTraceParams? parameters = null);
}

/// <summary>Workspace folder changes (docs/protocol.md §2.3).</summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface IWorkspaceFoldersMethods
{
    [JsonRpcMethod("workspace/didChangeWorkspaceFolders", UseSingleObjectParameterDeserialization = true)]
    void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams? parameters = null);
}
