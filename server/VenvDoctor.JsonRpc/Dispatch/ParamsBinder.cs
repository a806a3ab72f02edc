using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace VenvDoctor.JsonRpc.Dispatch;

/// <summary>Turns a message's <c>params</c> into the handler's type; a mismatch is the client's error (-32602).</summary>
internal static class ParamsBinder
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public static T Bind<T>(JsonElement? element, JsonTypeInfo<T> info)
    {
        try
        {
            // Absent or null params bind like an empty object, so handlers with all-optional params need no null checks.
            if (element is not { } e || e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                return JsonSerializer.Deserialize(EmptyObject, info)!;
            return e.Deserialize(info)!;
        }
        catch (JsonException ex)
        {
            throw new RpcException(RpcErrorCodes.InvalidParams, $"Invalid params: {ex.Message}");
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or FormatException)
        {
            // InvalidOperationException: e.g. a string with invalid UTF-8, which JsonDocument only notices when read.
            throw new RpcException(RpcErrorCodes.InvalidParams, $"Invalid params: {ex.Message}");
        }
    }
}

/// <summary>Writes a handler's result; an unset <see cref="JsonElement"/> is written as <c>null</c>.</summary>
internal static class ResultWriter
{
    public static void Write<T>(Utf8JsonWriter writer, T value, JsonTypeInfo<T> info)
    {
        if (value is null || (value is JsonElement e && e.ValueKind == JsonValueKind.Undefined))
        {
            writer.WriteNullValue();
            return;
        }
        JsonSerializer.Serialize(writer, value, info);
    }
}
