using System.Text.Json;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Protocol.Discovery;
using VenvDoctor.Sidecar.Protocol.Lifecycle;
using VenvDoctor.Sidecar.Protocol.Repair;
using VenvDoctor.Sidecar.Protocol.Watching;

namespace VenvDoctor.Sidecar.Protocol;

/// <summary>
/// Every source-generated context the wire uses, as the one set of options the JSON-RPC formatter takes. Each writes
/// every member, null when unknown (docs/protocol.md §3, "Nulls"); the contract test checks each message against its
/// sample (tests/contract).
/// </summary>
public static class WireContexts
{
    private static readonly List<System.Text.Json.Serialization.JsonSerializerContext> Registered =
        [DiscoveryJsonContext.Default, WatchJsonContext.Default, LifecycleJsonContext.Default, RepairJsonContext.Default];

    private static JsonSerializerOptions? options;

    /// <summary>A host that adds methods of its own (tests) adds their context before the first connection.</summary>
    public static void Add(System.Text.Json.Serialization.JsonSerializerContext context)
    {
        if (options is not null) throw new InvalidOperationException("Contexts must be added before the first connection.");
        Registered.Add(context);
    }

    public static JsonSerializerOptions Options => options ??= WireJson.Combine([.. Registered]);
}
