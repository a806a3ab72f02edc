using System.Text.Json;

namespace VenvDoctor.JsonRpc.Framing;

/// <summary>What a frame's body is, before the library sees it.</summary>
internal readonly record struct ScreenedMessage(
    string? Method, RequestIdValue Id, bool HasId, bool IsResponse, int? ErrorCode = null, string? ErrorMessage = null)
{
    public bool IsRequest => Method is not null && HasId;
    public bool IsNotification => Method is not null && !HasId;
    public bool IsRefused => ErrorCode is not null;
}

/// <summary>A request id as read from the wire: a number (kept as its text, so 1.0 stays 1.0), a string, or none.</summary>
internal readonly record struct RequestIdValue(string? Number, string? String)
{
    public static RequestIdValue None => default;
}

/// <summary>
/// Looks at a body's envelope (never at params) so that what StreamJsonRpc would end the connection over is answered
/// as the contract says instead: a body that is not JSON (-32700), and a message that is not a valid JSON-RPC 2.0
/// object (-32600). The library treats both as fatal to the connection, by design (recovery belongs in the message
/// handler, which is where this is called from).
/// </summary>
internal static class MessageScreen
{
    public static ScreenedMessage Screen(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Refuse(RpcErrorCodes.ParseError, $"Parse error: {ex.Message}");
        }
        using (document)
        {
            try
            {
                return Envelope(document.RootElement);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
            {
                // JsonDocument accepts strings with invalid UTF-8 and fails only when they are read.
                return Refuse(RpcErrorCodes.InvalidRequest, $"Invalid request: {ex.Message}");
            }
        }
    }

    private static ScreenedMessage Envelope(JsonElement message)
    {
        if (message.ValueKind == JsonValueKind.Array)
            return Refuse(RpcErrorCodes.InvalidRequest, "Invalid request: batches are not supported; send each message in its own frame");
        if (message.ValueKind != JsonValueKind.Object)
            return Refuse(RpcErrorCodes.InvalidRequest, "Invalid request: a message must be a JSON object");

        var hasId = message.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null;
        var id = RequestIdValue.None;
        if (hasId)
        {
            id = idElement.ValueKind switch
            {
                JsonValueKind.Number => new RequestIdValue(idElement.GetRawText(), null),
                JsonValueKind.String => new RequestIdValue(null, idElement.GetString()),
                _ => RequestIdValue.None,
            };
            if (id == RequestIdValue.None)
                return Refuse(RpcErrorCodes.InvalidRequest, "Invalid request: 'id' must be a number, a string or null");
            // The library's RequestId holds a 64-bit integer or a string: a fractional or huge number cannot be echoed.
            if (id.Number is { } n && !long.TryParse(n, out _))
                return Refuse(RpcErrorCodes.InvalidRequest, "Invalid request: a numeric 'id' must be an integer");
        }

        if (!message.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"u8))
            return Refuse(RpcErrorCodes.InvalidRequest, "Invalid request: 'jsonrpc' must be \"2.0\"", id, hasId);

        if (!message.TryGetProperty("method", out var methodElement))
        {
            if (hasId && (message.TryGetProperty("result", out _) || message.TryGetProperty("error", out _)))
                return new ScreenedMessage(null, id, hasId, IsResponse: true);
            return Refuse(RpcErrorCodes.InvalidRequest, "Invalid request: no 'method' (and not a response)", id, hasId);
        }
        if (methodElement.ValueKind != JsonValueKind.String)
            return Refuse(RpcErrorCodes.InvalidRequest, "Invalid request: 'method' must be a string", id, hasId);
        if (message.TryGetProperty("params", out var p) && p.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
            return Refuse(RpcErrorCodes.InvalidRequest, "Invalid request: 'params' must be an object or an array", id, hasId);

        return new ScreenedMessage(methodElement.GetString()!, id, hasId, IsResponse: false);
    }

    private static ScreenedMessage Refuse(int code, string message, RequestIdValue id = default, bool hasId = false) =>
        new(null, id, hasId, IsResponse: false, code, message);
}

internal static class RequestIdValueExtensions
{
    /// <summary>The library's id; <c>null</c> when the message's id could not be read (JSON-RPC 2.0 §5).</summary>
    public static StreamJsonRpc.RequestId ToRequestId(this RequestIdValue id) =>
        id.String is { } s ? new StreamJsonRpc.RequestId(s)
        : id.Number is { } n && long.TryParse(n, out var number) ? new StreamJsonRpc.RequestId(number)
        : StreamJsonRpc.RequestId.Null;
}
