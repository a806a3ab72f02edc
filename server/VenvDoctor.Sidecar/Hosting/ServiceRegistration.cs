using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Settings;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Discovery.Dependents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VenvDoctor.Core.Watching;
using VenvDoctor.Core.Repair;
using VenvDoctor.Sidecar.Handlers;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>Every service and every handler, one line each. Add yours on its own line; keep the groups.</summary>
public static class ServiceRegistration
{
    /// <param name="composition">What the executable composes: the journal store's folder, and a host's own
    /// registrations (the test host's), made last so that they win.</param>
    /// <param name="oneShot">A CLI verb that walks once: discovery keeps no folder listings for a next walk.</param>
    public static IServiceCollection AddVenvDoctorServices(this IServiceCollection services, SidecarComposition composition, bool oneShot = false)
    {
        // Services (model + logic; no JSON)
        services.AddSingleton<IEnvironmentDiscovery>(_ => oneShot ? EnvironmentDiscovery.ForOneWalk() : new EnvironmentDiscovery());
        services.AddSingleton<IInterpreterInventory>(_ => new InterpreterInventory());
        services.AddSingleton<ScanService>();
        // A warm venv/list answers from the live watch's model in serve (LiveWatchService); a CLI verb has none.
        services.AddSingleton<IScanService>(sp => new LiveScanService(sp.GetRequiredService<ScanService>(), sp.GetService<LiveWatchService>(),
            sp.GetRequiredService<IInterpreterInventory>(), sp.GetService<IInterpreterSettingsSource>()));
        // What diagnosis keeps of compiled files: for the life of serve, for one run of a CLI verb (a provider each).
        services.AddSingleton(_ => NativeCaches.Fresh());
        services.AddSingleton<IEnvironmentDiagnoser>(sp => new EnvironmentDiagnoser(sp.GetRequiredService<NativeCaches>()));
        services.AddSingleton<IInterpreterSettingsSource, InterpreterSettingsChecker>();
        services.AddSingleton(sp => new DependentsService(sp.GetRequiredService<IScanService>()));
        services.AddSingleton<IEnvironmentWatcher>(sp => new EnvironmentWatcher(sp.GetRequiredService<IEnvironmentDiscovery>(), sp.GetRequiredService<IEnvironmentDiagnoser>(), sp.GetRequiredService<IInterpreterInventory>(), sp.GetService<ILogger<EnvironmentWatcher>>(), sp.GetService<WatchOptions>()));
        services.AddRepair(composition.Journals);
        composition.AddServices?.Invoke(services);
        return services;
    }

    public static IServiceCollection AddVenvDoctorHandlers(this IServiceCollection services)
    {
        // Handlers (wire <-> service)
        services.AddSingleton<IRpcHandler, LifecycleHandler>();
        services.AddSingleton<IRpcHandler, WorkspaceFoldersHandler>();
        services.AddSingleton<IRpcHandler, RepairHandler>();
        services.AddSingleton<IRpcHandler, SettingsHandler>();
        services.AddSingleton<IRpcHandler, DiscoveryHandler>();
        services.AddSingleton<LiveWatchService>().AddHostedService(sp => sp.GetRequiredService<LiveWatchService>()).AddSingleton<IRpcHandler, WatchHandler>(); // venv/added|removed|changed|moved after initialized
        return services;
    }
}
