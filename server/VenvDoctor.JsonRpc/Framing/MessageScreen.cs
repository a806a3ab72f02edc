using System.Text.Json;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace VenvDoctor.JsonRpc.Framing;

/// <summary>A message not handed to the library, and the error it is answered with (requests and unreadable bodies only).</summary>
internal readonly record struct Refusal(RequestId Id, int Code, string Message);

/// <summary>
/// Says why a body is refused, so that what StreamJsonRpc would end the connection over is answered as the contract
/// says instead: a body that is not JSON (-32700), and a message that is not a valid JSON-RPC 2.0 object (-32600).
/// The library treats both as fatal to the connection, by design (recovery belongs in the message handler, which
/// is where this is called from). Each body is parsed once, by the library's formatter; only a body the formatter
/// could not read is parsed again here, to tell the client precisely what is wrong with it.
/// </summary>
internal static class MessageScreen
{
    /// <summary>What the formatter read but the contract refuses; null when the message may go on.</summary>
    public static Refusal? Check(JsonRpcMessage message)
    {
        var id = message is IJsonRpcMessageWithId { RequestId: var requestId } && !requestId.IsEmpty ? requestId : RequestId.Null;
        if (message.Version != "2.0") return new(id, RpcErrorCodes.InvalidRequest, "Invalid request: 'jsonrpc' must be \"2.0\"");
        if (message is not JsonRpcRequest && (id.IsEmpty || id.IsNull))
            return new(RequestId.Null, RpcErrorCodes.InvalidRequest, "Invalid request: no 'method' (and not a response)");
        return null;
    }

    /// <summary>Why the formatter could not read <paramref name="body"/> (<paramref name="formatterError"/> when nothing more precise is found).</summary>
    public static Refusal Explain(ReadOnlyMemory<byte> body, Exception formatterError)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return new(RequestId.Null, RpcErrorCodes.ParseError, $"Parse error: {ex.Message}");
        }
        using (document)
        {
            try
            {
                return Envelope(document.RootElement)
                    ?? new(IdOf(document.RootElement), RpcErrorCodes.InvalidRequest, $"Invalid request: {formatterError.Message}");
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
            {
                // JsonDocument accepts strings with invalid UTF-8 and fails only when they are read.
                return new(RequestId.Null, RpcErrorCodes.InvalidRequest, $"Invalid request: {ex.Message}");
            }
        }
    }

    private static Refusal? Envelope(JsonElement message)
    {
        if (message.ValueKind == JsonValueKind.Array)
            return new(RequestId.Null, RpcErrorCodes.InvalidRequest, "Invalid request: batches are not supported; send each message in its own frame");
        if (message.ValueKind != JsonValueKind.Object)
            return new(RequestId.Null, RpcErrorCodes.InvalidRequest, "Invalid request: a message must be a JSON object");
        if (message.TryGetProperty("id", out var idElement) && idElement.ValueKind is not (JsonValueKind.Null or JsonValueKind.Number or JsonValueKind.String))
            return new(RequestId.Null, RpcErrorCodes.InvalidRequest, "Invalid request: 'id' must be a number, a string or null");
        // The library's RequestId holds a 64-bit integer or a string: a fractional or huge number cannot be echoed.
        if (idElement.ValueKind == JsonValueKind.Number && !idElement.TryGetInt64(out _))
            return new(RequestId.Null, RpcErrorCodes.InvalidRequest, "Invalid request: a numeric 'id' must be an integer");
        var id = IdOf(message);
        if (!message.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"u8))
            return new(id, RpcErrorCodes.InvalidRequest, "Invalid request: 'jsonrpc' must be \"2.0\"");
        if (!message.TryGetProperty("method", out var method))
            return new(id, RpcErrorCodes.InvalidRequest, "Invalid request: no 'method' (and not a response)");
        if (method.ValueKind != JsonValueKind.String)
            return new(id, RpcErrorCodes.InvalidRequest, "Invalid request: 'method' must be a string");
        if (message.TryGetProperty("params", out var p) && p.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
            return new(id, RpcErrorCodes.InvalidRequest, "Invalid request: 'params' must be an object or an array");
        return null;
    }

    /// <summary>The message's id when it is one the library can hold; else null (JSON-RPC 2.0 §5).</summary>
    private static RequestId IdOf(JsonElement message) =>
        !message.TryGetProperty("id", out var id) ? RequestId.Null
        : id.ValueKind == JsonValueKind.String ? new RequestId(id.GetString())
        : id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) ? new RequestId(number)
        : RequestId.Null;
}
