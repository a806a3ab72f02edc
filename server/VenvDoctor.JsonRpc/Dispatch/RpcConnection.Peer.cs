using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc.Dispatch;

namespace VenvDoctor.JsonRpc;

// The server-to-client half: notifications and requests with their own pending table.
public sealed partial class RpcConnection
{
    public ValueTask NotifyAsync<TParams>(string method, TParams @params, JsonTypeInfo<TParams> paramsInfo, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = MessageWriter.Notification(method, w => ResultWriter.Write(w, @params, paramsInfo));
        if (!outbound.TryEnqueue(bytes))
            logger.LogDebug("Connection closed; notification '{Method}' dropped", method);
        return ValueTask.CompletedTask;
    }

    public async Task<TResult> RequestAsync<TParams, TResult>(string method, TParams @params, JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (id, response) = pending.Add();
        var bytes = MessageWriter.Request(id, method, w => ResultWriter.Write(w, @params, paramsInfo));
        if (!outbound.TryEnqueue(bytes))
        {
            pending.TryCancel(id, CancellationToken.None);
            throw new RpcConnectionLostException("connection lost");
        }

        JsonElement message;
        using (cancellationToken.Register(() => CancelOutbound(id, cancellationToken)))
            message = await response.ConfigureAwait(false);

        if (message.TryGetProperty("error", out var error))
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : RpcErrorCodes.InternalError;
            var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "error without a message";
            JsonElement? data = error.TryGetProperty("data", out var d) ? d : null;
            throw new RpcException(code, $"'{method}' failed: {text}", data);
        }
        var result = message.TryGetProperty("result", out var r) ? r : default;
        try
        {
            return result.ValueKind == JsonValueKind.Undefined ? default! : result.Deserialize(resultInfo)!;
        }
        catch (JsonException ex)
        {
            throw new RpcException(RpcErrorCodes.InvalidParams, $"'{method}' answered with an unexpected result: {ex.Message}");
        }
    }

    /// <summary>Stops waiting and tells the client, which may stop working on it.</summary>
    private void CancelOutbound(long id, CancellationToken token)
    {
        if (!pending.TryCancel(id, token)) return;
        var bytes = MessageWriter.Notification(CancelRequestMethod, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("id"u8, id);
            w.WriteEndObject();
        });
        outbound.TryEnqueue(bytes);
    }
}
