using System.Text.Json.Serialization;

namespace VenvDoctor.Sidecar.Protocol.Settings;

/// <summary>Source-generated serialization of the settings wire types: camelCase, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SetInterpreterSettingParams))]
[JsonSerializable(typeof(SetInterpreterSettingResult))]
[JsonSerializable(typeof(ExpandSettingParams))]
[JsonSerializable(typeof(ExpandSettingResult))]
public sealed partial class SettingsJsonContext : JsonSerializerContext;
