using System.Text.Json;
using System.Text.Json.Serialization;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Protocol.Discovery;
using VenvDoctor.Sidecar.Protocol.Lifecycle;
using VenvDoctor.Sidecar.Protocol.Repair;
using VenvDoctor.Sidecar.Protocol.Settings;
using VenvDoctor.Sidecar.Protocol.Watching;

namespace VenvDoctor.Sidecar.Protocol;

/// <summary>
/// Every source-generated context the wire uses, as the one set of options the JSON-RPC formatter takes. Each writes
/// every member, null when unknown (docs/protocol.md §3, "Nulls"); the contract test checks each message against its
/// sample (tests/contract).
/// </summary>
public static class WireContexts
{
    private static readonly JsonSerializerContext[] Product =
        [DiscoveryJsonContext.Default, WatchJsonContext.Default, LifecycleJsonContext.Default, RepairJsonContext.Default, SettingsJsonContext.Default];

    public static JsonSerializerOptions Options { get; } = WireJson.Combine(Product);

    /// <summary>The product's contexts and those of the methods a host adds (the test host's), after them.</summary>
    public static JsonSerializerOptions With(IReadOnlyList<JsonSerializerContext> added) =>
        added.Count == 0 ? Options : WireJson.Combine([.. Product, .. added]);
}
