using Nerdbank.Streams;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace VenvDoctor.JsonRpc.Framing;

/// <summary>
/// StreamJsonRpc's LSP framing, with the reading side made to keep the contract (docs/protocol.md §1) where the
/// library by design ends the connection: a bad header or an unparsable body is answered and the next frame read; a
/// frame over the size limit is refused from its header, before a byte of it is buffered; the LSP lifecycle gate
/// answers -32002 / -32600 for every method, known or not, in arrival order. Writing is the library's.
/// </summary>
internal sealed class LspMessageHandler : HeaderDelimitedMessageHandler
{
    private readonly FrameReader frames;
    private readonly LifecycleGate? gate;
    private readonly ILogger logger;
    private readonly TimeSpan drainTimeout;
    // Requests handed to the library and not yet answered: end of input waits for them (§2.5).
    private readonly ConcurrentDictionary<RequestId, byte> unanswered = new();
    private readonly ConcurrentQueue<RequestId> writtenAnswers = new();
    private TaskCompletionSource? drained;
    // Our requests to the client still waiting for an answer: the library ends the connection on a response to
    // anything else, where the contract only ignores it.
    private readonly ConcurrentDictionary<RequestId, byte> awaitingClient = new();

    public LspMessageHandler(Stream output, Stream input, IJsonRpcMessageFormatter formatter, RpcConnectionOptions options, ILogger logger)
        // Output through System.IO.Pipelines' stream writer, whose FlushAsync has written to the stream when it
        // returns, so a handler's dispatch (which awaits the flush of its response) ends with the response on stdout.
        // The library's Stream overload copies to the stream from a background task instead: a process ending right
        // after `exit` could lose an answer still in that pipe.
        : base(PipeWriter.Create(output), input.UsePipeReader(), formatter)
    {
        frames = new FrameReader(options.MaxMessageBytes);
        gate = options.Lifecycle is { } lifecycle ? new LifecycleGate(lifecycle) : null;
        drainTimeout = options.DrainTimeout;
        this.logger = logger;
    }

    /// <summary>Why reading stopped, when it was this handler's decision (end of input, an oversized frame).</summary>
    public ConnectionCloseReason? CloseReason { get; private set; }

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var body = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                if (CloseReason == ConnectionCloseReason.EndOfInput) await DrainAsync().ConfigureAwait(false);
                return null; // the library takes this as the end of the stream and disconnects
            }

            var screened = MessageScreen.Screen(body);
            if (screened.IsRefused)
            {
                logger.LogWarning("Message refused: {Error}", screened.ErrorMessage);
                await ReplyErrorAsync(screened.Id, screened.ErrorCode!.Value, screened.ErrorMessage!, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (screened.IsResponse && !awaitingClient.TryRemove(screened.Id.ToRequestId(), out _))
            {
                logger.LogWarning("Response for unknown request id {Id} ignored", screened.Id.ToRequestId());
                continue;
            }
            if (!screened.IsResponse && gate is not null && await gate.AdmitAsync(screened).ConfigureAwait(false) is { } refusal)
            {
                if (screened.IsRequest) await ReplyErrorAsync(screened.Id, refusal.Code, refusal.Message, cancellationToken).ConfigureAwait(false);
                continue;
            }

            JsonRpcMessage message;
            try
            {
                // Our own copy of the body: the message may keep it (JsonElement params) after the pipe moved on.
                message = Formatter.Deserialize(new ReadOnlySequence<byte>(body));
            }
            catch (Exception ex)
            {
                logger.LogWarning("Message refused: {Error}", ex.Message);
                await ReplyErrorAsync(screened.Id, RpcErrorCodes.InvalidRequest, $"Invalid request: {ex.Message}", cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (message is JsonRpcRequest { IsResponseExpected: true } request)
            {
                unanswered[request.RequestId] = 0;
                gate?.Received(screened, request.RequestId);
            }
            return message;
        }
    }

    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        if (content is JsonRpcRequest { IsResponseExpected: true } outbound) awaitingClient[outbound.RequestId] = 0;
        base.Write(content, cancellationToken);
        if (content is JsonRpcResult or JsonRpcError && content is IJsonRpcMessageWithId { RequestId: var id })
        {
            gate?.Answered(id);
            writtenAnswers.Enqueue(id); // answered once FlushAsync has put it on the stream
        }
    }

    // The library follows every Write with a FlushAsync (both under its send lock): an answer counts as sent, for
    // the waits at end of input and on exit, only once the flush that carries it has returned.
    protected override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await base.FlushAsync(cancellationToken).ConfigureAwait(false);
        while (writtenAnswers.TryDequeue(out var id)) unanswered.TryRemove(id, out _);
        if (unanswered.IsEmpty) drained?.TrySetResult();
    }

    /// <summary>One frame's body, or null when reading is over (see <see cref="CloseReason"/>).</summary>
    private async ValueTask<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var reader = Reader!;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                logger.LogDebug(ex, "Input failed");
                CloseReason = ConnectionCloseReason.EndOfInput;
                return null;
            }

            var buffer = result.Buffer;
            var frame = frames.TryRead(ref buffer);
            switch (frame.Status)
            {
                case FrameStatus.Frame:
                    var body = frame.Body.ToArray();
                    reader.AdvanceTo(buffer.Start);
                    return body;
                case FrameStatus.BadHeader:
                    reader.AdvanceTo(buffer.Start);
                    logger.LogWarning("Malformed frame header ({Error}); skipping to the next Content-Length", frame.Error);
                    await ReplyErrorAsync(RequestIdValue.None, RpcErrorCodes.ParseError,
                        $"Malformed frame header: {frame.Error}; skipped to the next Content-Length header.", cancellationToken).ConfigureAwait(false);
                    continue;
                case FrameStatus.TooLarge:
                    reader.AdvanceTo(buffer.Start);
                    logger.LogError("Closing the connection: {Error}", frame.Error);
                    await ReplyErrorAsync(RequestIdValue.None, RpcErrorCodes.InvalidRequest,
                        $"Message too large: {frame.Error}; closing the connection.", cancellationToken).ConfigureAwait(false);
                    CloseReason = ConnectionCloseReason.MessageTooLarge;
                    return null;
                default:
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        if (!buffer.IsEmpty) logger.LogWarning("Input ended inside a frame; {Bytes} bytes dropped", buffer.Length);
                        CloseReason = ConnectionCloseReason.EndOfInput;
                        return null;
                    }
                    if (result.IsCanceled)
                    {
                        CloseReason = ConnectionCloseReason.Stopped;
                        return null;
                    }
                    continue;
            }
        }
    }

    /// <summary>Requests already running may still answer once input has ended, for a bounded time.</summary>
    private Task DrainAsync() => WaitForAnswersAsync(drainTimeout);

    /// <summary>
    /// Waits, at most <paramref name="limit"/>, until every request received so far has been answered and the answer
    /// flushed to the output: at end of input, and on <c>exit</c>, after which the process ends (without this, an
    /// <c>initialize</c> sent together with <c>exit</c> could lose its answer).
    /// </summary>
    public async Task WaitForAnswersAsync(TimeSpan limit)
    {
        var waiter = Volatile.Read(ref drained) ?? Interlocked.CompareExchange(ref drained, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null) ?? drained!;
        if (unanswered.IsEmpty) return;
        try { await waiter.Task.WaitAsync(limit).ConfigureAwait(false); }
        catch (TimeoutException) { logger.LogWarning("Requests still running after {Timeout} are not answered", limit); }
    }

    private ValueTask ReplyErrorAsync(RequestIdValue id, int code, string message, CancellationToken cancellationToken)
    {
        var error = new JsonRpcError
        {
            RequestId = id.ToRequestId(),
            Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = message },
        };
        return WriteAsync(error, cancellationToken);
    }
}
