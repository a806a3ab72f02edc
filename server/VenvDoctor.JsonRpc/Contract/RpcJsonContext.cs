using System.Text.Json;
using System.Text.Json.Serialization;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace VenvDoctor.JsonRpc;

/// <summary>
/// Types of the protocol plumbing itself. <see cref="RequestId"/> must be here or the library drops
/// <c>$/cancelRequest</c>; <see cref="CommonErrorData"/> or a failing handler's error cannot be written and the
/// connection closes; <see cref="JsonElement"/> carries raw params and results (notifications, test methods).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement?))]
[JsonSerializable(typeof(RequestId))]
[JsonSerializable(typeof(CommonErrorData))]
[JsonSerializable(typeof(ProgressParams))]
[JsonSerializable(typeof(WorkDoneProgressValue))]
public sealed partial class RpcJsonContext : JsonSerializerContext;

/// <summary><c>$/progress</c> params: the token the client chose and a value whose shape depends on the method.</summary>
public sealed record ProgressParams(JsonElement Token, JsonElement Value);

/// <summary>The LSP work-done progress value (<c>kind</c>: begin, report, end).</summary>
public sealed record WorkDoneProgressValue(string Kind, string? Title = null, bool? Cancellable = null, string? Message = null, int? Percentage = null);

/// <summary>
/// Params of a request that may report progress (LSP <c>WorkDoneProgressParams</c>, <c>PartialResultParams</c>).
/// The tokens are string or number; anything else is ignored.
/// </summary>
public interface IProgressParams
{
    JsonElement? WorkDoneToken { get; }
    JsonElement? PartialResultToken { get; }
}
