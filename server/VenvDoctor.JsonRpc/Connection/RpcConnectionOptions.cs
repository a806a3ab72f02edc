namespace VenvDoctor.JsonRpc;

public sealed class RpcConnectionOptions
{
    public const long DefaultMaxMessageBytes = 64L * 1024 * 1024;

    /// <summary>A frame announcing more than this is refused and the connection closed (never buffered).</summary>
    public long MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>When set, methods are gated on the LSP lifecycle (-32002 before initialize, -32600 after shutdown).</summary>
    public ServerLifecycle? Lifecycle { get; init; }

    /// <summary>At end of input, how long requests already running may take to answer before they are cancelled.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>Why a connection stopped reading.</summary>
public enum ConnectionCloseReason
{
    /// <summary>The client closed its end (EOF on input).</summary>
    EndOfInput,
    /// <summary>The server stopped it (disposed after <c>exit</c> or a signal).</summary>
    Stopped,
    /// <summary>A frame announced more than the maximum message size.</summary>
    MessageTooLarge,
    /// <summary>Writing to the client failed (it is gone).</summary>
    OutputFailed,
}
