using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>What <c>serve</c> was started with.</summary>
public sealed record ServeSettings(Stream Input, Stream Output, long MaxMessageBytes, LogLevel LogLevel)
{
    public static ServeSettings ForStdio(long maxMessageBytes = RpcConnectionOptions.DefaultMaxMessageBytes, LogLevel logLevel = LogLevel.Information) =>
        new(Console.OpenStandardInput(), Console.OpenStandardOutput(), maxMessageBytes, logLevel);
}

/// <summary>How serving ended, and so the process exit code.</summary>
public sealed class ServeOutcome
{
    public ConnectionCloseReason? CloseReason { get; set; }
    public bool ExitNotified { get; set; }

    /// <summary>
    /// 0 after shutdown+exit (or shutdown then end of input) and after a signal; 1 for exit or end of input
    /// without shutdown (LSP), an oversized message, or a client that vanished while we wrote.
    /// </summary>
    public int ExitCode(ServerLifecycle lifecycle) => CloseReason switch
    {
        _ when ExitNotified => lifecycle.ExitCode,
        ConnectionCloseReason.EndOfInput => lifecycle.ExitCode,
        ConnectionCloseReason.Stopped => 0,
        _ => 1,
    };
}
