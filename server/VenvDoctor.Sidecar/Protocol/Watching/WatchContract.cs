using PolyType;
using StreamJsonRpc;

namespace VenvDoctor.Sidecar.Protocol.Watching;

/// <summary>Client → server watching signal (docs/protocol.md §5).</summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface IWatchMethods
{
    [JsonRpcMethod(Methods.DidChangeWatchedFiles, UseSingleObjectParameterDeserialization = true)]
    void DidChangeWatchedFiles(DidChangeWatchedFilesParams? parameters = null);
}
