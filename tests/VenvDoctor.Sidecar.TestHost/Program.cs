using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Repair;
using VenvDoctor.Sidecar.Cli;
using VenvDoctor.Sidecar.Handlers;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.TestHost;

// The product's entry point with test-only registrations added: $/test/* methods on `serve`, and, when
// VENV_DOCTOR_TEST_KILL_AT=apply:3 (or undo:N) is set, a repair that kills this process at that write.
WireContexts.Add(TestHooksJsonContext.Default);
ServiceRegistration.HostExtensions = services =>
{
    services.AddSingleton<IRpcHandler, TestHooksHandler>();
    if (KillAt.FromEnvironment() is { } seam) services.AddSingleton(seam);
};
return await CliApp.RunAsync(args);

namespace VenvDoctor.Sidecar.TestHost
{
    internal static class KillAt
    {
        public const string EnvironmentVariable = "VENV_DOCTOR_TEST_KILL_AT";

        public static RepairFaultSeam? FromEnvironment()
        {
            var spec = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrEmpty(spec)) return null;
            var parts = spec.Split(':');
            return parts.Length == 2 && int.TryParse(parts[1], out var n)
                ? RepairFaultSeam.KillAt(parts[0], n)
                : throw new ArgumentException($"{EnvironmentVariable} must look like apply:3 or undo:1, not '{spec}'");
        }
    }
}
