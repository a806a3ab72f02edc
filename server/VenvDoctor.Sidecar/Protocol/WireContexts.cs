using System.Text.Json;
using System.Text.Json.Serialization;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Protocol.Discovery;
using VenvDoctor.Sidecar.Protocol.Lifecycle;
using VenvDoctor.Sidecar.Protocol.Repair;
using VenvDoctor.Sidecar.Protocol.Watching;

namespace VenvDoctor.Sidecar.Protocol;

/// <summary>
/// Every source-generated context the wire uses, as the one set of options the JSON-RPC formatter takes. Discovery
/// comes first: an Environment keeps its null members wherever it travels (docs/protocol.md §3).
/// </summary>
public static class WireContexts
{
    private static readonly JsonSerializerContext[] Product =
        [DiscoveryJsonContext.Default, WatchJsonContext.Default, LifecycleJsonContext.Default, RepairJsonContext.Default];

    public static JsonSerializerOptions Options { get; } = WireJson.Combine(Product);

    /// <summary>The product's contexts and those of the methods a host adds (the test host's), after them.</summary>
    public static JsonSerializerOptions With(IReadOnlyList<JsonSerializerContext> added) =>
        added.Count == 0 ? Options : WireJson.Combine([.. Product, .. added]);
}
