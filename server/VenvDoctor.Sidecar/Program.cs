using VenvDoctor.Sidecar.Cli;
using VenvDoctor.Sidecar.Hosting;

return await CliApp.RunAsync(args, SidecarComposition.FromEnvironment());
