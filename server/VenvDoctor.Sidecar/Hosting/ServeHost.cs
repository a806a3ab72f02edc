using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>Builds and runs the host behind <c>serve</c>: DI, logging to stderr, lifetime (SIGTERM), the connection.</summary>
public static class ServeHost
{
    public static async Task<int> RunAsync(ServeSettings settings, CancellationToken cancellationToken = default)
    {
        // The empty builder skips configuration sources and default providers we do not use: measurably faster start
        // (benchmarks/rpc compares; VENV_SIDECAR_HOST_BUILDER=full selects the full builder for that comparison).
        var hostSettings = new HostApplicationBuilderSettings { ApplicationName = "venv-sidecar" };
        var builder = Environment.GetEnvironmentVariable("VENV_SIDECAR_HOST_BUILDER") == "full"
            ? Host.CreateApplicationBuilder(hostSettings)
            : Host.CreateEmptyApplicationBuilder(hostSettings);
        // The global minimum stays open so the client's trace level (window/logMessage) can ask for debug output
        // even when stderr is quieter; each provider filters for itself.
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, settings.LogLevel);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        // stdout carries frames only: every console log line goes to stderr.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ServerLifecycle>();
        builder.Services.AddSingleton<RequestQueue>();
        builder.Services.AddSingleton<SessionState>();
        builder.Services.AddSingleton<ClientChannel>();
        builder.Services.AddSingleton<ServeOutcome>();
        builder.Services.AddSingleton<ILoggerProvider, ClientLoggerProvider>();
        builder.Services.AddHostedService<RpcServerService>();
        builder.Services.AddVenvDoctorServices().AddVenvDoctorHandlers();

        using var host = builder.Build();
        var outcome = host.Services.GetRequiredService<ServeOutcome>();
        var lifecycle = host.Services.GetRequiredService<ServerLifecycle>();
        await host.RunAsync(cancellationToken); // disposes the host's services when it returns
        return outcome.ExitCode(lifecycle);
    }
}
