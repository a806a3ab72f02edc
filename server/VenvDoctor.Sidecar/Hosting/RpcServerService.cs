using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Handlers;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>
/// Collects every <see cref="IRpcHandler"/> into the method table, then serves the connection until the client
/// sends <c>exit</c>, closes stdin, or the host is stopped (SIGTERM); then stops the host.
/// </summary>
internal sealed class RpcServerService(
    IEnumerable<IRpcHandler> handlers,
    ServeSettings settings,
    ServerLifecycle lifecycle,
    ClientChannel channel,
    ServeOutcome outcome,
    IHostApplicationLifetime appLifetime,
    ILoggerFactory loggerFactory) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var methods = new RpcMethodTable();
        // Fallbacks last, so a real handler for the same method wins.
        foreach (var handler in handlers.OrderBy(h => h is IFallbackRpcHandler ? 1 : 0))
            handler.Register(methods);
        var log = loggerFactory.CreateLogger<RpcServerService>();
        log.LogDebug("{Count} methods registered; listening on stdin", methods.Methods.Count);

        var connection = new RpcConnection(settings.Input, settings.Output, methods,
            new RpcConnectionOptions { MaxMessageBytes = settings.MaxMessageBytes, Lifecycle = lifecycle },
            loggerFactory.CreateLogger("VenvDoctor.JsonRpc"));
        channel.Attach(connection);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var serving = connection.RunAsync(stop.Token);
        var first = await Task.WhenAny(serving, lifecycle.ExitRequested);
        outcome.ExitNotified = first == lifecycle.ExitRequested;
        stop.Cancel();
        await serving;
        outcome.CloseReason = connection.CloseReason;
        appLifetime.StopApplication();
    }
}
