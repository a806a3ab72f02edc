using System.Text.Json.Serialization;

namespace VenvDoctor.Sidecar.Protocol.Repair;

/// <summary>Source-generated serialization of every repair wire type (RPC and CLI --json alike): camelCase, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RepairParams))]
[JsonSerializable(typeof(UndoRepairParams))]
[JsonSerializable(typeof(RepairPlanWire))]
[JsonSerializable(typeof(ApplyRepairResult))]
[JsonSerializable(typeof(UndoRepairResult))]
[JsonSerializable(typeof(FleetRepairResult))]
public sealed partial class RepairJsonContext : JsonSerializerContext;
