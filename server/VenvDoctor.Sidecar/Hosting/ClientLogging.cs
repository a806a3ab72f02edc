using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Protocol.Lifecycle;
using VenvDoctor.Sidecar.Protocol;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>The live connection, once there is one; lets singletons made before it (loggers, handlers) reach the client.</summary>
public sealed class ClientChannel
{
    private volatile RpcServerConnection? connection;

    public RpcServerConnection? Connection => connection;

    public IRpcPeer? Peer => connection;

    public void Attach(RpcServerConnection live) => connection = live;

    /// <summary>Progress reporting for a request, on the tokens its params carry.</summary>
    public RequestContext ContextFor(IProgressParams? @params) =>
        RequestContext.For(connection ?? throw new InvalidOperationException("No client connection yet."), @params);
}

/// <summary>
/// Forwards log entries to the client as <c>window/logMessage</c>, at the level the client's trace setting asks
/// for (off: warnings and errors; messages: information; verbose: debug). The transport's own categories are never
/// forwarded: logging about writing a message must not write another message.
/// </summary>
public sealed class ClientLoggerProvider(ClientChannel channel, SessionState session) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("VenvDoctor.JsonRpc", StringComparison.Ordinal) || categoryName.StartsWith("Microsoft.", StringComparison.Ordinal)
            ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance
            : new ClientLogger(channel, session);

    public void Dispose() { }

    private sealed class ClientLogger(ClientChannel channel, SessionState session) : ILogger
    {
        [ThreadStatic] private static bool forwarding;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= Threshold(session.Trace);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || channel.Peer is not { } peer || forwarding) return;
            forwarding = true;
            try
            {
                var message = formatter(state, exception);
                if (exception is not null) message += Environment.NewLine + exception;
                var type = logLevel switch
                {
                    LogLevel.Critical or LogLevel.Error => 1,
                    LogLevel.Warning => 2,
                    LogLevel.Information => 3,
                    _ => 4,
                };
                // Enqueue only (never blocks on the client); a closed connection drops it.
                _ = ServerNotifications.LogMessage.SendAsync(peer, new LogMessageParams(type, message));
            }
            catch (Exception)
            {
                // A log line that cannot reach the client still went to stderr; never fail the caller over it.
            }
            finally
            {
                forwarding = false;
            }
        }

        private static LogLevel Threshold(ClientTraceLevel trace) => trace switch
        {
            ClientTraceLevel.Verbose => LogLevel.Debug,
            ClientTraceLevel.Messages => LogLevel.Information,
            _ => LogLevel.Warning,
        };
    }
}
