using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Handlers;
using VenvDoctor.Sidecar.Protocol;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>
/// Registers every <see cref="IRpcHandler"/> on the connection, then serves it until the client sends <c>exit</c>,
/// closes stdin, or the host is stopped (SIGTERM); then stops the host.
/// </summary>
internal sealed class RpcServerService(
    IEnumerable<IRpcHandler> handlers,
    ServeSettings settings,
    SidecarComposition composition,
    ServerLifecycle lifecycle,
    ClientChannel channel,
    ServeOutcome outcome,
    IHostApplicationLifetime appLifetime,
    ILoggerFactory loggerFactory) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connection = new RpcServerConnection(settings.Input, settings.Output, WireContexts.With(composition.WireContexts),
            new RpcConnectionOptions { MaxMessageBytes = settings.MaxMessageBytes, Lifecycle = lifecycle },
            loggerFactory.CreateLogger("VenvDoctor.JsonRpc"));
        foreach (var handler in handlers)
            handler.Register(connection);
        loggerFactory.CreateLogger<RpcServerService>().LogDebug("{Count} methods registered; listening on stdin", connection.Methods.Count);
        channel.Attach(connection);
        connection.StartListening();

        var stopped = Task.Delay(Timeout.Infinite, stoppingToken);
        var first = await Task.WhenAny(connection.Completion, lifecycle.ExitRequested, stopped).ConfigureAwait(false);
        outcome.ExitNotified = first == lifecycle.ExitRequested;
        if (outcome.ExitNotified) await connection.DrainAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        outcome.CloseReason = first == stopped ? ConnectionCloseReason.Stopped : connection.CloseReason;
        // Not awaited after exit or a signal: a read blocked on stdin does not notice disposal, and the process ends anyway.
        if (first != connection.Completion) connection.Dispose();
        appLifetime.StopApplication();
    }
}
