using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>
/// Builds and runs the host behind <c>serve</c>: DI, logging to stderr, lifetime (SIGTERM), the connection. Two
/// building blocks (<see cref="Configure"/>, <see cref="RunAsync(HostApplicationBuilder)"/>) so that another host
/// (benchmarks/host-builder, on the full builder) composes the same server on a builder of its own.
/// </summary>
public static class ServeHost
{
    /// <summary>The shipped <c>serve</c>: the empty builder, which skips configuration sources and default providers
    /// we do not use (measurably faster start; benchmarks/host-builder compares it with the full one).</summary>
    public static Task<int> RunAsync(ServeSettings settings, SidecarComposition composition, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "venv-sidecar" });
        Configure(builder, settings, composition);
        return RunAsync(builder, cancellationToken);
    }

    /// <summary>Every registration and logging rule of <c>serve</c>, on any builder.</summary>
    public static void Configure(HostApplicationBuilder builder, ServeSettings settings, SidecarComposition composition)
    {
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
        builder.Services.AddSingleton(composition);
        builder.Services.AddSingleton<ServerLifecycle>();
        builder.Services.AddSingleton<RequestQueue>();
        builder.Services.AddSingleton<SessionState>();
        builder.Services.AddSingleton<ClientChannel>();
        builder.Services.AddSingleton<ServeOutcome>();
        builder.Services.AddSingleton<ILoggerProvider, ClientLoggerProvider>();
        builder.Services.AddHostedService<RpcServerService>();
        builder.Services.AddVenvDoctorServices(composition).AddVenvDoctorHandlers();
    }

    /// <summary>Serves until the client exits or the process is signalled; the exit code LSP asks for.</summary>
    public static async Task<int> RunAsync(HostApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        using var host = builder.Build();
        var outcome = host.Services.GetRequiredService<ServeOutcome>();
        var lifecycle = host.Services.GetRequiredService<ServerLifecycle>();
        await host.RunAsync(cancellationToken); // disposes the host's services when it returns
        return outcome.ExitCode(lifecycle);
    }
}
