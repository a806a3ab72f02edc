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
    // Requests handed to the library whose answer it has not sent yet: end of input and exit wait for them (§2.5).
    // A count, not a table: the library knows which requests those are, and says when each answer is sent
    // (LspJsonRpc.OnResponseSent, after the flush that carries it).
    private int owed;
    private TaskCompletionSource? drained;
    // Our requests to the client still waiting for an answer. The library keeps the same table (its outbound
    // calls), but privately, and it ends the connection on a response it has no record of (a protocol violation to
    // it, where the contract only ignores such a response): so this handler must know, before handing a response
    // over, that the library is waiting for it. Nothing else is kept here.
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
            var (message, refusal) = Deserialize(body);
            if (refusal is { } refused)
            {
                logger.LogWarning("Message refused: {Error}", refused.Message);
                await ReplyErrorAsync(refused.Id, refused.Code, refused.Message, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (await AdmitAsync(message!, cancellationToken).ConfigureAwait(false)) return message;
        }
    }

    /// <summary>
    /// The message, read once by the library's formatter (our own copy of the body: the message may keep it, as
    /// <c>JsonElement</c> params, after the pipe moved on); or why it is refused.
    /// </summary>
    private (JsonRpcMessage? Message, Refusal? Refusal) Deserialize(byte[] body)
    {
        try
        {
            var message = Formatter.Deserialize(new ReadOnlySequence<byte>(body));
            return (message, MessageScreen.Check(message));
        }
        catch (Exception ex)
        {
            return (null, MessageScreen.Explain(body, ex));
        }
    }

    /// <summary>
    /// True when the library may have the message: a response it is waiting for, or a request or notification the
    /// lifecycle admits (a refused request is answered here). A message dropped here leaves its pooled buffer to
    /// the garbage collector (the library releases only what it was handed).
    /// </summary>
    private async ValueTask<bool> AdmitAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        if (message is not JsonRpcRequest request)
        {
            var id = ((IJsonRpcMessageWithId)message).RequestId;
            if (awaitingClient.TryRemove(id, out _)) return true;
            logger.LogWarning("Response for unknown request id {Id} ignored", id);
            return false;
        }
        if (gate is not null && await gate.AdmitAsync(request).ConfigureAwait(false) is { } refusal)
        {
            if (request.IsResponseExpected) await ReplyErrorAsync(request.RequestId, refusal.Code, refusal.Message, cancellationToken).ConfigureAwait(false);
            return false;
        }
        if (request.IsResponseExpected)
        {
            Interlocked.Increment(ref owed);
            gate?.Received(request);
        }
        return true;
    }

    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        if (content is JsonRpcRequest { IsResponseExpected: true } outbound) awaitingClient[outbound.RequestId] = 0;
        base.Write(content, cancellationToken);
    }

    /// <summary>The library has sent (and flushed) its answer to a request this handler gave it.</summary>
    public void AnswerSent(IJsonRpcMessageWithId answer)
    {
        gate?.Answered(answer.RequestId);
        if (Interlocked.Decrement(ref owed) == 0) Volatile.Read(ref drained)?.TrySetResult();
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
                    await ReplyErrorAsync(RequestId.Null, RpcErrorCodes.ParseError,
                        $"Malformed frame header: {frame.Error}; skipped to the next Content-Length header.", cancellationToken).ConfigureAwait(false);
                    continue;
                case FrameStatus.TooLarge:
                    reader.AdvanceTo(buffer.Start);
                    logger.LogError("Closing the connection: {Error}", frame.Error);
                    await ReplyErrorAsync(RequestId.Null, RpcErrorCodes.InvalidRequest,
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
        var deadline = DateTime.UtcNow + limit;
        while (Volatile.Read(ref owed) > 0)
        {
            // A fresh signal each round, set by AnswerSent when the count reaches zero (checked again after it is
            // published, so an answer sent in between is not missed).
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref drained, waiter);
            if (Volatile.Read(ref owed) == 0) return;
            var left = deadline - DateTime.UtcNow;
            try
            {
                if (left <= TimeSpan.Zero) throw new TimeoutException();
                await waiter.Task.WaitAsync(left).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("Requests still running after {Timeout} are not answered", limit);
                return;
            }
        }
    }

    private ValueTask ReplyErrorAsync(RequestId id, int code, string message, CancellationToken cancellationToken)
    {
        var error = new JsonRpcError
        {
            RequestId = id,
            Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = message },
        };
        return WriteAsync(error, cancellationToken);
    }
}
