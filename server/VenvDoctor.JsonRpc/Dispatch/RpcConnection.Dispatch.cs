using System.Text.Json;
using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc.Dispatch;

namespace VenvDoctor.JsonRpc;

// Formatting and dispatch: one frame's body -> message(s) -> handler -> response bytes.
public sealed partial class RpcConnection
{
    private const string CancelRequestMethod = "$/cancelRequest";
    private const string ExitMethod = "exit";

    /// <summary>Runs on the read loop: everything up to scheduling happens here, in arrival order.</summary>
    private void Dispatch(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Message body is not JSON: {Error}", ex.Message);
            Send(MessageWriter.Error(null, RpcErrorCodes.ParseError, $"Parse error: {ex.Message}"));
            return;
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            if (root.GetArrayLength() == 0)
            {
                document.Dispose();
                Send(MessageWriter.Error(null, RpcErrorCodes.InvalidRequest, "Invalid request: empty batch"));
                return;
            }
            var members = root.EnumerateArray().Select(DispatchSafely).ToArray();
            Track(AnswerBatchAsync(members, document));
            return;
        }
        Track(AnswerAsync(DispatchSafely(root), document));
    }

    /// <summary>
    /// Whatever a message holds, it must not stop the read loop. JsonDocument accepts strings with invalid UTF-8
    /// and only fails when they are read, so reading a method name or an id can throw: that is a bad request.
    /// </summary>
    private Task<byte[]?> DispatchSafely(JsonElement message)
    {
        try
        {
            return DispatchOne(message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            logger.LogWarning("Invalid message: {Error}", ex.Message);
            return Reply(MessageWriter.Error(null, RpcErrorCodes.InvalidRequest, $"Invalid request: {ex.Message}"));
        }
    }

    private async Task AnswerAsync(Task<byte[]?> work, JsonDocument document)
    {
        try
        {
            var response = await work.ConfigureAwait(false);
            if (response is not null) Send(response);
        }
        finally
        {
            document.Dispose();
        }
    }

    private async Task AnswerBatchAsync(Task<byte[]?>[] members, JsonDocument document)
    {
        try
        {
            var responses = await Task.WhenAll(members).ConfigureAwait(false);
            var answered = responses.Where(r => r is not null).Select(r => r!).ToList();
            // A batch of notifications only gets no answer at all (JSON-RPC 2.0 §6).
            if (answered.Count > 0) Send(MessageWriter.Batch(answered));
        }
        finally
        {
            document.Dispose();
        }
    }

    /// <summary>Validates one message and schedules it; the task yields the response bytes, or null for none.</summary>
    private Task<byte[]?> DispatchOne(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
            return Reply(MessageWriter.Error(null, RpcErrorCodes.InvalidRequest, "Invalid request: a message must be a JSON object"));

        var hasId = message.TryGetProperty("id", out var idElement);
        JsonElement? id = hasId && idElement.ValueKind is JsonValueKind.Number or JsonValueKind.String ? idElement.Clone() : null;
        if (hasId && idElement.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null))
            return Reply(MessageWriter.Error(null, RpcErrorCodes.InvalidRequest, "Invalid request: 'id' must be a number, a string or null"));

        if (!message.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"u8))
            return Reply(MessageWriter.Error(id, RpcErrorCodes.InvalidRequest, "Invalid request: 'jsonrpc' must be \"2.0\""));

        if (!message.TryGetProperty("method", out var methodElement))
        {
            if (hasId && (message.TryGetProperty("result", out _) || message.TryGetProperty("error", out _)))
            {
                if (!pending.TryComplete(idElement, message))
                    logger.LogWarning("Response for unknown request id {Id} ignored", idElement.GetRawText());
                return Reply(null);
            }
            return Reply(MessageWriter.Error(id, RpcErrorCodes.InvalidRequest, "Invalid request: no 'method' (and not a response)"));
        }
        if (methodElement.ValueKind != JsonValueKind.String)
            return Reply(MessageWriter.Error(id, RpcErrorCodes.InvalidRequest, "Invalid request: 'method' must be a string"));

        JsonElement? @params = null;
        if (message.TryGetProperty("params", out var paramsElement))
        {
            if (paramsElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
                return Reply(MessageWriter.Error(id, RpcErrorCodes.InvalidRequest, "Invalid request: 'params' must be an object or an array"));
            @params = paramsElement;
        }

        var method = methodElement.GetString()!;
        var isRequest = hasId;

        if (method == CancelRequestMethod && !isRequest)
        {
            CancelInbound(@params);
            return Reply(null);
        }

        methods.TryGet(method, out var entry);
        JsonElement? requestId = isRequest ? idElement.Clone() : null;
        if (options.Lifecycle is { State: LifecycleState.NotInitialized } && !stateChain.IsCompleted
            && entry is not { AllowedBeforeInitialize: true } && method != ExitMethod)
        {
            // initialize is still running: a client that pipelines (a script feeding stdin) must not be refused
            // for being quick. Decide once it has finished, keeping arrival order.
            var deferred = stateChain.ContinueWith(_ => Admit(method, entry, isRequest, requestId, id, @params, inChain: true),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            stateChain = deferred;
            return deferred;
        }
        return Admit(method, entry, isRequest, requestId, id, @params, inChain: false);
    }

    /// <summary>The lifecycle gate, method lookup and scheduling of a well-formed message.</summary>
    private Task<byte[]?> Admit(string method, RpcMethod? entry, bool isRequest, JsonElement? requestId, JsonElement? id, JsonElement? @params, bool inChain)
    {
        var refusal = Gate(method, entry);
        if (refusal is not null)
            return Reply(isRequest ? MessageWriter.Error(id, refusal.Value.Code, refusal.Value.Message) : null);

        if (entry is null)
        {
            if (!isRequest)
            {
                // LSP: notifications starting with "$/" may be ignored silently; others deserve a note in the log.
                if (!method.StartsWith("$/", StringComparison.Ordinal))
                    logger.LogDebug("Notification for unknown method '{Method}' ignored", method);
                return Reply(null);
            }
            return Reply(MessageWriter.Error(id, RpcErrorCodes.MethodNotFound, $"Method not found: '{method}'"));
        }
        if (isRequest && entry.IsNotification)
            return Reply(MessageWriter.Error(id, RpcErrorCodes.InvalidRequest, $"Invalid request: '{method}' is a notification and must be sent without an id"));

        return Schedule(entry, requestId, @params, inChain);
    }

    /// <summary>The LSP lifecycle gate; null when the method may run now.</summary>
    private (int Code, string Message)? Gate(string method, RpcMethod? entry)
    {
        if (options.Lifecycle is not { } lifecycle || method == ExitMethod) return null;
        return lifecycle.State switch
        {
            LifecycleState.NotInitialized when entry is not { AllowedBeforeInitialize: true } =>
                (RpcErrorCodes.ServerNotInitialized, $"Server not initialized: send 'initialize' before '{method}'"),
            LifecycleState.ShutDown =>
                (RpcErrorCodes.InvalidRequest, $"Server is shut down: '{method}' refused; only 'exit' is accepted"),
            _ => null,
        };
    }

    private Task<byte[]?> Schedule(RpcMethod entry, JsonElement? id, JsonElement? @params, bool inChain)
    {
        CancellationTokenSource? cts = null;
        string? key = null;
        if (id is { } requestId)
        {
            cts = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
            key = Key(requestId);
            inFlight[key] = cts;
        }
        Func<Task<byte[]?>> run = () => RunAsync(entry, id, @params, cts, key);

        // Inline: the handler finishes before the read loop reads the next message, so its effect precedes them all.
        if (entry.RunsInline) return run();
        if (!entry.ChangesState) return Task.Run(run);
        // Already running as a link of the chain (deferred behind initialize): run in place, order is kept.
        if (inChain) return run();
        // Chained on the read loop, so state-changing methods run one at a time in arrival order.
        var next = stateChain.ContinueWith(_ => run(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        stateChain = next;
        return next;
    }

    /// <summary>Runs a handler; never throws: every failure becomes an error response (or a log line for notifications).</summary>
    private async Task<byte[]?> RunAsync(RpcMethod entry, JsonElement? id, JsonElement? @params, CancellationTokenSource? cts, string? key)
    {
        var token = cts?.Token ?? lifetime.Token;
        var (workDone, partial) = RequestContext.ReadTokens(@params);
        var context = new RequestContext(this, id ?? default, workDone, partial);
        try
        {
            token.ThrowIfCancellationRequested();
            var writeResult = await entry.Invoke(@params, context, token).ConfigureAwait(false);
            context.MarkCompleted();
            if (id is null) return null;
            try
            {
                return MessageWriter.Response(id, writeResult);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                logger.LogError(ex, "Result of '{Method}' could not be serialized", entry.Name);
                return MessageWriter.Error(id, RpcErrorCodes.InternalError, $"Internal error: the result of '{entry.Name}' could not be serialized: {ex.Message}");
            }
        }
        catch (RpcException ex)
        {
            context.MarkCompleted();
            if (id is null) { logger.LogWarning("Notification '{Method}' failed: {Message}", entry.Name, ex.Message); return null; }
            return MessageWriter.Error(id, ex.Code, ex.Message, ex.Data);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            context.MarkCompleted();
            return id is null ? null : MessageWriter.Error(id, RpcErrorCodes.RequestCancelled, "Request cancelled");
        }
        catch (Exception ex)
        {
            context.MarkCompleted();
            logger.LogError(ex, "Handler for '{Method}' failed", entry.Name);
            return id is null ? null : MessageWriter.Error(id, RpcErrorCodes.InternalError, $"Internal error in '{entry.Name}': {ex.Message}");
        }
        finally
        {
            if (key is not null) inFlight.TryRemove(key, out _);
            cts?.Dispose();
        }
    }

    private void CancelInbound(JsonElement? @params)
    {
        if (@params is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty("id", out var id)
            || id.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
        {
            logger.LogDebug("$/cancelRequest without a usable id ignored");
            return;
        }
        if (!inFlight.TryGetValue(Key(id), out var cts)) return; // already answered: nothing to do
        try { cts.Cancel(); }
        catch (ObjectDisposedException) { } // finished between the lookup and the cancel
    }

    /// <summary>Numbers and strings are different ids even when their text matches (1 vs "1").</summary>
    private static string Key(JsonElement id) =>
        id.ValueKind == JsonValueKind.String ? "s:" + id.GetString() : "n:" + id.GetRawText();

    private static Task<byte[]?> Reply(byte[]? response) => Task.FromResult(response);
}
