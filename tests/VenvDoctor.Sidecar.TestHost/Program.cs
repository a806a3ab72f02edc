using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Repair;
using VenvDoctor.Sidecar.Cli;
using VenvDoctor.Sidecar.Handlers;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.TestHost;

// The product composed as it ships, plus what only tests use: $/test/* methods on `serve`, and, when
// VENV_DOCTOR_TEST_KILL_AT=apply:3 (or undo:N) is set, a repair that kills this process at that write.
var composition = SidecarComposition.FromEnvironment() with
{
    AddServices = services =>
    {
        services.AddSingleton<IRpcHandler, TestHooksHandler>();
        if (KillAt.FromEnvironment() is { } kill) services.AddSingleton<IRepairFaults>(kill);
    },
    WireContexts = [TestHooksJsonContext.Default],
};
return await CliApp.RunAsync(args, composition);
