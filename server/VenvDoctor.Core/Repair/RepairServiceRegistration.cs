using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;

namespace VenvDoctor.Core.Repair;

/// <summary>The repair services and every action, registered as one group (one line in ServiceRegistration).</summary>
public static class RepairServiceRegistration
{
    /// <param name="journals">Where this user's journal state lives (the host reads it once at start-up).</param>
    public static IServiceCollection AddRepair(this IServiceCollection services, JournalStoreOptions journals)
    {
        // Diagnosis, discovery (which identifies a repaired environment again) and inventory are the other areas' services; registered here only if no one did (the CLI verbs).
        services.TryAddSingleton(_ => NativeCaches.Fresh());
        services.TryAddSingleton<IEnvironmentDiagnoser>(sp => new EnvironmentDiagnoser(sp.GetRequiredService<NativeCaches>()));
        services.TryAddSingleton<IInterpreterInventory>(_ => new InterpreterInventory());
        services.TryAddSingleton<IEnvironmentDiscovery>(_ => EnvironmentDiscovery.ForOneWalk());
        // The journal store, recovery and the engine are made once here and injected (the engine, recreate and the
        // service share them). What ships injects no fault; the crash-safety tests' host registers its own after these.
        services.TryAddSingleton(journals);
        services.TryAddSingleton(sp => new JournalStore(sp.GetRequiredService<JournalStoreOptions>()));
        services.TryAddSingleton<IRepairFaults>(NoRepairFaults.Instance);
        services.TryAddSingleton<JournalRecovery>();
        services.TryAddSingleton<RepairEngine>();
        services.AddSingleton<IRepairAction, RelocateAction>();
        services.AddSingleton<IRepairAction, MakeIndependentAction>();
        services.AddSingleton<IRepairAction, RelinkBaseAction>();
        services.AddSingleton<IRepairAction, RestoreInterpreterLinksAction>();
        services.AddSingleton<IRepairAction, RegenerateConfigAction>();
        services.AddSingleton<IRepairAction, FixHomeAction>();
        services.AddSingleton<IRepairAction, ReinstallEditableAction>();
        services.AddSingleton<IRepairAction, RepointInterpreterAction>();
        services.AddSingleton<IRepairAction, RecreateAction>();
        services.AddSingleton<IRepairAction, ReinstallBinariesAction>();
        services.AddSingleton<IRepairAction, IgnoreInGitAction>();
        services.AddSingleton<IRepairAction, MakeRelocatableAction>();
        services.TryAddSingleton<RepairService>();
        services.TryAddSingleton<InterpreterSettingService>();
        return services;
    }
}
