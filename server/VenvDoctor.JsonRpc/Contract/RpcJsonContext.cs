using System.Text.Json;
using System.Text.Json.Serialization;

namespace VenvDoctor.JsonRpc;

/// <summary>
/// Types of the protocol plumbing itself ($/progress, $/cancelRequest). <see cref="JsonElement"/> is here so that
/// handlers taking or returning raw JSON (e.g. <c>shutdown</c>'s null) have a type info without a context of their own.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(ProgressParams))]
[JsonSerializable(typeof(WorkDoneProgressValue))]
[JsonSerializable(typeof(CancelParams))]
public sealed partial class RpcJsonContext : JsonSerializerContext;

/// <summary><c>$/progress</c> params: the token the client chose and a value whose shape depends on the method.</summary>
public sealed record ProgressParams(JsonElement Token, JsonElement Value);

/// <summary>The LSP work-done progress value (<c>kind</c>: begin, report, end).</summary>
public sealed record WorkDoneProgressValue(string Kind, string? Title = null, bool? Cancellable = null, string? Message = null, int? Percentage = null);

/// <summary><c>$/cancelRequest</c> params.</summary>
public sealed record CancelParams(JsonElement Id);
