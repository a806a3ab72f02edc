using VenvDoctor.Sidecar.Cli;

return await CliApp.RunAsync(args);
