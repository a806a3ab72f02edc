using System.Text.Json;
using System.Text.Json.Serialization;

namespace VenvDoctor.Sidecar.Protocol.Discovery;

/// <summary>Source-generated (no reflection) JSON for the discovery wire types: camelCase, nulls written.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ScanResultDto))]
[JsonSerializable(typeof(EnvironmentDto))]
[JsonSerializable(typeof(ListParams))]
[JsonSerializable(typeof(DiagnoseParams))]
[JsonSerializable(typeof(InterpretersParams))]
[JsonSerializable(typeof(InterpretersResult))]
[JsonSerializable(typeof(DependentsParams))]
[JsonSerializable(typeof(DependentsResult))]
[JsonSerializable(typeof(FoundNotification))]
[JsonSerializable(typeof(ListPartialResult))]
public sealed partial class DiscoveryJsonContext : JsonSerializerContext
{
    /// <summary>For people reading <c>scan --json</c>.</summary>
    public static DiscoveryJsonContext Indented => indented.Value;

    // Lazy: the generated Default is itself a static initialised after this class's other statics (which is also why
    // the compiler cannot prove it set here; by the time the lazy value is made, it is).
    private static readonly Lazy<DiscoveryJsonContext> indented = new(() => new(new JsonSerializerOptions(Default!.Options) { WriteIndented = true }));
}
