using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Settings;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Inventory;
using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Sidecar.Handlers;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>Every service and every handler, one line each. Add yours on its own line; keep the groups.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddVenvDoctorServices(this IServiceCollection services)
    {
        // Services (model + logic; no JSON)
        services.AddSingleton<IEnvironmentDiscovery>(_ => new EnvironmentDiscovery());
        services.AddSingleton<IInterpreterInventory>(_ => new InterpreterInventory());
        services.AddSingleton<IScanService, ScanService>();
        services.AddSingleton<IEnvironmentDiagnoser, EnvironmentDiagnoser>();
        services.AddSingleton<IInterpreterSettingsSource, InterpreterSettingsChecker>();
        return services;
    }

    public static IServiceCollection AddVenvDoctorHandlers(this IServiceCollection services)
    {
        // Handlers (wire <-> service)
        services.AddSingleton<IRpcHandler, LifecycleHandler>();
        services.AddSingleton<IRpcHandler, WorkspaceFoldersHandler>();
        services.AddSingleton<IRpcHandler, TestHooksHandler>(); // test-only methods; registers nothing unless VENV_SIDECAR_TEST_METHODS=1
        services.AddSingleton<IRpcHandler, DiscoveryHandler>();
        return services;
    }
}
