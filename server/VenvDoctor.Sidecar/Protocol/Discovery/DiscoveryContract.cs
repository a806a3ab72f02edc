using PolyType;
using StreamJsonRpc;

namespace VenvDoctor.Sidecar.Protocol.Discovery;

/// <summary>Discovery and diagnosis (docs/protocol.md §4): read-only, answered concurrently.</summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface IDiscoveryMethods
{
    [JsonRpcMethod("venv/list", UseSingleObjectParameterDeserialization = true)]
    Task<ScanResultDto> ListAsync(ListParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("venv/diagnose", UseSingleObjectParameterDeserialization = true)]
    Task<EnvironmentDto> DiagnoseAsync(DiagnoseParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("venv/interpreters", UseSingleObjectParameterDeserialization = true)]
    Task<InterpretersResult> InterpretersAsync(InterpretersParams? parameters = null, CancellationToken cancellationToken = default);
}
