using System.IO.Pipelines;
using System.Threading.Channels;

namespace VenvDoctor.JsonRpc.Framing;

/// <summary>
/// The one writer: whole serialized messages go in from any thread; a single loop frames them onto the output,
/// so frames never interleave. It flushes when the queue runs dry, so pipelined responses share a flush.
/// </summary>
internal sealed class OutboundQueue(PipeWriter output)
{
    private readonly Channel<byte[]> queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>False once the queue is closed (connection ending) or the output has failed.</summary>
    public bool TryEnqueue(byte[] message) => queue.Writer.TryWrite(message);

    /// <summary>No more messages; <see cref="RunAsync"/> finishes after writing what was queued.</summary>
    public void Complete() => queue.Writer.TryComplete();

    /// <summary>Runs until completed; throws when the output fails (e.g. the client closed its end).</summary>
    public async Task RunAsync()
    {
        try
        {
            var reader = queue.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                    FrameWriter.Write(output, message);
                var flushed = await output.FlushAsync().ConfigureAwait(false);
                if (flushed.IsCompleted) break; // nobody reads any more
            }
        }
        finally
        {
            queue.Writer.TryComplete();
        }
    }
}
