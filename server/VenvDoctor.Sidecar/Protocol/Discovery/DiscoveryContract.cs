using PolyType;
using StreamJsonRpc;

namespace VenvDoctor.Sidecar.Protocol.Discovery;

/// <summary>Discovery and diagnosis (docs/protocol.md §4): read-only, answered concurrently.</summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface IDiscoveryMethods
{
    [JsonRpcMethod(Methods.List, UseSingleObjectParameterDeserialization = true)]
    Task<ScanResultDto> ListAsync(ListParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(Methods.Diagnose, UseSingleObjectParameterDeserialization = true)]
    Task<EnvironmentDto> DiagnoseAsync(DiagnoseParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(Methods.Interpreters, UseSingleObjectParameterDeserialization = true)]
    Task<InterpretersResult> InterpretersAsync(InterpretersParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(Methods.Dependents, UseSingleObjectParameterDeserialization = true)]
    Task<DependentsResult> DependentsAsync(DependentsParams? parameters = null, CancellationToken cancellationToken = default);
}
