using System.Text.Json.Serialization;

namespace VenvDoctor.Sidecar.Protocol.Lifecycle;

/// <summary>Source-generated JSON for the lifecycle wire types: camelCase, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(SetTraceParams))]
[JsonSerializable(typeof(DidChangeWorkspaceFoldersParams))]
[JsonSerializable(typeof(LogMessageParams))]
public sealed partial class LifecycleJsonContext : JsonSerializerContext;
