using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Repair;
using VenvDoctor.Sidecar.Handlers;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>Every service and every handler, one line each. Add yours on its own line; keep the groups.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddVenvDoctorServices(this IServiceCollection services)
    {
        // Services (model + logic; no JSON)
        services.AddRepair();
        return services;
    }

    public static IServiceCollection AddVenvDoctorHandlers(this IServiceCollection services)
    {
        // Handlers (wire <-> service)
        services.AddSingleton<IRpcHandler, LifecycleHandler>();
        services.AddSingleton<IRpcHandler, WorkspaceFoldersHandler>();
        services.AddSingleton<IRpcHandler, RepairHandler>();
        services.AddSingleton<IRpcHandler, TestHooksHandler>(); // test-only methods; registers nothing unless VENV_SIDECAR_TEST_METHODS=1
        services.AddSingleton<IRpcHandler, PlaceholderListHandler>(); // PLACEHOLDER: delete with the file when the real venv/list lands
        return services;
    }
}
