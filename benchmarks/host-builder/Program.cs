using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VenvDoctor.Sidecar.Hosting;

// `serve` as the product composes it (ServeHost.Configure), on Host.CreateApplicationBuilder rather than the empty
// builder the shipped executable uses. Arguments: serve [--log-level LEVEL], as benchmarks/rpc passes them.
if (args.FirstOrDefault() != "serve")
{
    Console.Error.WriteLine("usage: venv-sidecar-full-builder serve [--log-level LEVEL]");
    return 2;
}
var level = args.SkipWhile(a => a != "--log-level").Skip(1).FirstOrDefault() is { } given && Enum.TryParse<LogLevel>(given, true, out var parsed)
    ? parsed : LogLevel.Information;
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "venv-sidecar" });
ServeHost.Configure(builder, ServeSettings.ForStdio(logLevel: level), SidecarComposition.FromEnvironment());
return await ServeHost.RunAsync(builder);
