using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VenvDoctor.JsonRpc.Dispatch;
using VenvDoctor.JsonRpc.Framing;

namespace VenvDoctor.JsonRpc;

/// <summary>
/// One JSON-RPC 2.0 connection over LSP framing: reads frames, dispatches them to the <see cref="RpcMethodTable"/>,
/// writes responses through a single writer, and is the <see cref="IRpcPeer"/> for server-to-client traffic.
/// </summary>
/// <remarks>
/// Scheduling: requests run concurrently on the thread pool, except methods marked
/// <see cref="MethodOptions.ChangesState"/>, which are chained so they run one at a time in arrival order.
/// Ordering decisions (lifecycle gate, chaining) are made on the read loop, so they follow arrival order too.
/// </remarks>
public sealed partial class RpcConnection : IRpcPeer, IAsyncDisposable
{
    private readonly PipeReader input;
    private readonly PipeWriter output;
    private readonly RpcMethodTable methods;
    private readonly RpcConnectionOptions options;
    private readonly ILogger logger;
    private readonly FrameReader frames;
    private readonly OutboundQueue outbound;
    private readonly PendingRequests pending = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> inFlight = new();
    private readonly ConcurrentDictionary<long, Task> running = new();
    private readonly CancellationTokenSource lifetime = new();
    private Task stateChain = Task.CompletedTask;
    private long nextWorkId;
    private Task? runTask;

    public RpcConnection(PipeReader input, PipeWriter output, RpcMethodTable methods, RpcConnectionOptions? options = null, ILogger? logger = null)
    {
        this.input = input;
        this.output = output;
        this.methods = methods;
        this.options = options ?? new RpcConnectionOptions();
        this.logger = logger ?? NullLogger.Instance;
        frames = new FrameReader(this.options.MaxMessageBytes);
        outbound = new OutboundQueue(output);
    }

    public RpcConnection(Stream input, Stream output, RpcMethodTable methods, RpcConnectionOptions? options = null, ILogger? logger = null)
        : this(PipeReader.Create(input), PipeWriter.Create(output), methods, options, logger) { }

    /// <summary>Set once the connection has stopped reading.</summary>
    public ConnectionCloseReason? CloseReason { get; private set; }

    /// <summary>Completes when <see cref="RunAsync"/> has finished.</summary>
    public Task Completion => runTask ?? Task.CompletedTask;

    /// <summary>
    /// Serves until end of input, a fatal framing error or <paramref name="cancellationToken"/>. At end of input,
    /// requests already running may still answer (bounded by <see cref="RpcConnectionOptions.DrainTimeout"/>).
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (runTask is not null) throw new InvalidOperationException("The connection is already running.");
        return runTask = RunCoreAsync(cancellationToken);
    }

    private async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        var writer = Task.Run(outbound.RunAsync);
        var writerFailed = writer.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        using var readStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A dead output means the client is gone: stop reading too.
        _ = writerFailed.ContinueWith(_ => readStop.Cancel(), TaskScheduler.Default);

        CloseReason = await ReadLoopAsync(readStop.Token).ConfigureAwait(false);
        if (writer.IsFaulted) CloseReason = ConnectionCloseReason.OutputFailed;
        logger.LogDebug("JSON-RPC connection stopped reading: {Reason}", CloseReason);

        // Nobody will answer our requests any more.
        pending.FailAll(new RpcConnectionLostException("connection lost"));

        if (CloseReason == ConnectionCloseReason.EndOfInput)
            await DrainAsync().ConfigureAwait(false);
        lifetime.Cancel();
        await Task.WhenAll(running.Values).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);

        outbound.Complete();
        try { await writer.ConfigureAwait(false); }
        catch (Exception ex) { logger.LogDebug(ex, "Output closed while writing"); }
        await CompleteQuietlyAsync(() => input.CompleteAsync()).ConfigureAwait(false);
        await CompleteQuietlyAsync(() => output.CompleteAsync()).ConfigureAwait(false);
    }

    /// <summary>Completing a pipe with an abandoned read still pending may throw; the connection is over either way.</summary>
    private async Task CompleteQuietlyAsync(Func<ValueTask> complete)
    {
        try { await complete().ConfigureAwait(false); }
        catch (Exception ex) when (ex is InvalidOperationException or IOException) { logger.LogDebug(ex, "Closing a pipe"); }
    }

    private async Task DrainAsync()
    {
        var work = Task.WhenAll(running.Values);
        try { await work.WaitAsync(options.DrainTimeout).ConfigureAwait(false); }
        catch (TimeoutException) { logger.LogWarning("Input ended; requests still running after {Timeout} are cancelled", options.DrainTimeout); }
    }

    private async Task<ConnectionCloseReason> ReadLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result;
            try
            {
                // WaitAsync: console streams ignore cancellation, so a blocked read is abandoned rather than awaited.
                result = await input.ReadAsync(cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return ConnectionCloseReason.Stopped;
            }
            catch (IOException ex)
            {
                logger.LogDebug(ex, "Input failed");
                return ConnectionCloseReason.EndOfInput;
            }

            var buffer = result.Buffer;
            var stop = false;
            var tooLarge = false;
            while (!stop)
            {
                var frame = frames.TryRead(ref buffer);
                switch (frame.Status)
                {
                    case FrameStatus.Frame:
                        if (logger.IsEnabled(LogLevel.Trace)) logger.LogTrace("Frame of {Bytes} bytes", frame.Body.Length);
                        try
                        {
                            Dispatch(frame.Body.ToArray());
                        }
                        catch (Exception ex)
                        {
                            // Last line of defence: one bad message never ends the connection.
                            logger.LogError(ex, "Dispatching a message failed");
                            Send(MessageWriter.Error(null, RpcErrorCodes.InternalError, $"Internal error: {ex.Message}"));
                        }
                        continue;
                    case FrameStatus.BadHeader:
                        logger.LogWarning("Malformed frame header ({Error}); skipping to the next Content-Length", frame.Error);
                        Send(MessageWriter.Error(null, RpcErrorCodes.ParseError, $"Malformed frame header: {frame.Error}; skipped to the next Content-Length header."));
                        continue;
                    case FrameStatus.TooLarge:
                        logger.LogError("Closing the connection: {Error}", frame.Error);
                        Send(MessageWriter.Error(null, RpcErrorCodes.InvalidRequest, $"Message too large: {frame.Error}; closing the connection."));
                        stop = tooLarge = true;
                        break;
                    default:
                        stop = true;
                        break;
                }
            }
            input.AdvanceTo(buffer.Start, buffer.End);

            if (tooLarge) return ConnectionCloseReason.MessageTooLarge;
            if (result.IsCompleted || result.IsCanceled)
            {
                if (!buffer.IsEmpty) logger.LogWarning("Input ended inside a frame; {Bytes} bytes dropped", buffer.Length);
                return result.IsCanceled ? ConnectionCloseReason.Stopped : ConnectionCloseReason.EndOfInput;
            }
        }
    }

    private void Send(byte[] message)
    {
        if (!outbound.TryEnqueue(message))
            logger.LogDebug("Output closed; a message was dropped");
    }

    /// <summary>Tracks a piece of work so end of input can wait for it.</summary>
    private void Track(Task work)
    {
        var id = Interlocked.Increment(ref nextWorkId);
        running[id] = work;
        work.ContinueWith(_ => running.TryRemove(id, out Task? _), TaskScheduler.Default);
    }

    public ValueTask DisposeAsync()
    {
        lifetime.Cancel();
        outbound.Complete();
        pending.FailAll(new RpcConnectionLostException("connection lost"));
        return ValueTask.CompletedTask;
    }
}
