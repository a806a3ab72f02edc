using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Settings;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VenvDoctor.Core.Watching;
using VenvDoctor.Core.Repair;
using VenvDoctor.Sidecar.Handlers;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>Every service and every handler, one line each. Add yours on its own line; keep the groups.</summary>
public static class ServiceRegistration
{
    /// <summary>
    /// Registrations a host adds to the product's own (the test host: test-only methods and the repair fault seam).
    /// The shipped executable sets none.
    /// </summary>
    public static Action<IServiceCollection>? HostExtensions { get; set; }

    /// <param name="oneShot">A CLI verb that walks once: discovery keeps no folder listings for a next walk.</param>
    public static IServiceCollection AddVenvDoctorServices(this IServiceCollection services, bool oneShot = false)
    {
        // Services (model + logic; no JSON)
        services.AddSingleton<IEnvironmentDiscovery>(_ => oneShot ? EnvironmentDiscovery.ForOneWalk() : new EnvironmentDiscovery());
        services.AddSingleton<IInterpreterInventory>(_ => new InterpreterInventory());
        services.AddSingleton<IScanService, ScanService>();
        services.AddSingleton<IEnvironmentDiagnoser, EnvironmentDiagnoser>();
        services.AddSingleton<IInterpreterSettingsSource, InterpreterSettingsChecker>();
        services.AddSingleton<IEnvironmentWatcher>(sp => new EnvironmentWatcher(sp.GetRequiredService<IEnvironmentDiscovery>(), sp.GetRequiredService<IEnvironmentDiagnoser>(), sp.GetRequiredService<IInterpreterInventory>(), sp.GetService<ILogger<EnvironmentWatcher>>(), sp.GetService<WatchOptions>()));
        services.AddRepair();
        HostExtensions?.Invoke(services);
        return services;
    }

    public static IServiceCollection AddVenvDoctorHandlers(this IServiceCollection services)
    {
        // Handlers (wire <-> service)
        services.AddSingleton<IRpcHandler, LifecycleHandler>();
        services.AddSingleton<IRpcHandler, WorkspaceFoldersHandler>();
        services.AddSingleton<IRpcHandler, RepairHandler>();
        services.AddSingleton<IRpcHandler, DiscoveryHandler>();
        services.AddSingleton<LiveWatchService>().AddHostedService(sp => sp.GetRequiredService<LiveWatchService>()).AddSingleton<IRpcHandler, WatchHandler>(); // venv/added|removed|changed|moved after initialized
        return services;
    }
}
