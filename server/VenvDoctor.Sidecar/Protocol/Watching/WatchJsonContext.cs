using System.Text.Json;
using System.Text.Json.Serialization;

namespace VenvDoctor.Sidecar.Protocol.Watching;

/// <summary>Source-generated (no reflection) JSON for the watching wire types: camelCase.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AddedNotification))]
[JsonSerializable(typeof(RemovedNotification))]
[JsonSerializable(typeof(ChangedNotification))]
[JsonSerializable(typeof(MovedNotification))]
[JsonSerializable(typeof(WatchDegradedNotification))]
[JsonSerializable(typeof(WatchRecoveredNotification))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
public sealed partial class WatchJsonContext : JsonSerializerContext;

/// <summary>The CLI's one-object-per-line output: fields that do not apply are omitted rather than null.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WatchLine))]
public sealed partial class WatchLineJsonContext : JsonSerializerContext;
