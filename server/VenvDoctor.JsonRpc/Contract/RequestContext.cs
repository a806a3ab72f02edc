using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace VenvDoctor.JsonRpc;

/// <summary>Per-request context: the peer, and progress reporting for the tokens the client sent.</summary>
/// <remarks>
/// Progress stops with the response: once the dispatcher has answered the request, further reports are dropped
/// so a client never sees progress for a request it already considers finished.
/// </remarks>
public sealed class RequestContext
{
    private volatile bool completed;
    private bool workBegun;

    /// <summary>Made by the dispatcher; public so handler tests can build one around a fake peer.</summary>
    public RequestContext(IRpcPeer peer, JsonElement id, JsonElement? workDoneToken = null, JsonElement? partialResultToken = null)
    {
        Peer = peer;
        Id = id;
        WorkDoneToken = workDoneToken;
        PartialResultToken = partialResultToken;
    }

    public IRpcPeer Peer { get; }

    /// <summary>The request id (number or string) as a JsonElement.</summary>
    public JsonElement Id { get; }

    /// <summary><c>params.workDoneToken</c> when the client sent one.</summary>
    public JsonElement? WorkDoneToken { get; }

    /// <summary><c>params.partialResultToken</c> when the client sent one.</summary>
    public JsonElement? PartialResultToken { get; }

    /// <summary>Sends <c>$/progress</c> with the partial-result token; returns false (sending nothing) when there is none.</summary>
    public async ValueTask<bool> ReportPartialResultAsync<T>(T value, JsonTypeInfo<T> info, CancellationToken cancellationToken = default)
    {
        if (PartialResultToken is not { } token || completed) return false;
        var element = JsonSerializer.SerializeToElement(value, info);
        await SendProgressAsync(token, element, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Work-done progress (begin/report/end) on the client's workDoneToken; no-ops when there is none.</summary>
    public ValueTask BeginWorkAsync(string title, bool cancellable, string? message = null, int? percentage = null)
    {
        workBegun = true;
        return SendWorkDoneAsync(new WorkDoneProgressValue("begin", title, cancellable, message, percentage));
    }

    public ValueTask ReportWorkAsync(string? message, int? percentage = null) =>
        workBegun ? SendWorkDoneAsync(new WorkDoneProgressValue("report", Message: message, Percentage: percentage)) : ValueTask.CompletedTask;

    public ValueTask EndWorkAsync(string? message = null)
    {
        if (!workBegun) return ValueTask.CompletedTask;
        workBegun = false;
        return SendWorkDoneAsync(new WorkDoneProgressValue("end", Message: message));
    }

    /// <summary>Called by the dispatcher just before the response is written.</summary>
    internal void MarkCompleted() => completed = true;

    private async ValueTask SendWorkDoneAsync(WorkDoneProgressValue value)
    {
        if (WorkDoneToken is not { } token || completed) return;
        var element = JsonSerializer.SerializeToElement(value, RpcJsonContext.Default.WorkDoneProgressValue);
        await SendProgressAsync(token, element, CancellationToken.None).ConfigureAwait(false);
    }

    private ValueTask SendProgressAsync(JsonElement token, JsonElement value, CancellationToken cancellationToken) =>
        Peer.NotifyAsync("$/progress", new ProgressParams(token, value), RpcJsonContext.Default.ProgressParams, cancellationToken);

    /// <summary>Reads the LSP progress tokens out of a request's params object.</summary>
    internal static (JsonElement? WorkDone, JsonElement? PartialResult) ReadTokens(JsonElement? @params)
    {
        if (@params is not { ValueKind: JsonValueKind.Object } p) return (null, null);
        return (Token(p, "workDoneToken"), Token(p, "partialResultToken"));

        static JsonElement? Token(JsonElement p, string name) =>
            p.TryGetProperty(name, out var t) && t.ValueKind is JsonValueKind.String or JsonValueKind.Number ? t.Clone() : null;
    }
}
