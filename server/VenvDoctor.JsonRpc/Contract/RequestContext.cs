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

    public RequestContext(IRpcPeer peer, JsonElement? workDoneToken = null, JsonElement? partialResultToken = null)
    {
        Peer = peer;
        WorkDoneToken = Usable(workDoneToken);
        PartialResultToken = Usable(partialResultToken);
    }

    /// <summary>The context of a request whose params may carry LSP progress tokens.</summary>
    public static RequestContext For(IRpcPeer peer, IProgressParams? @params) => new(peer, @params?.WorkDoneToken, @params?.PartialResultToken);

    public IRpcPeer Peer { get; }

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

    /// <summary>Called by the handler before it returns: nothing is reported after the response.</summary>
    public void MarkCompleted() => completed = true;

    private async ValueTask SendWorkDoneAsync(WorkDoneProgressValue value)
    {
        if (WorkDoneToken is not { } token || completed) return;
        var element = JsonSerializer.SerializeToElement(value, RpcJsonContext.Default.WorkDoneProgressValue);
        await SendProgressAsync(token, element, CancellationToken.None).ConfigureAwait(false);
    }

    private ValueTask SendProgressAsync(JsonElement token, JsonElement value, CancellationToken cancellationToken) =>
        Peer.NotifyAsync("$/progress", new ProgressParams(token, value), RpcJsonContext.Default.ProgressParams, cancellationToken);

    private static JsonElement? Usable(JsonElement? token) =>
        token is { ValueKind: JsonValueKind.String or JsonValueKind.Number } t ? t.Clone() : null;
}
