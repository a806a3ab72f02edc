using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;

namespace VenvDoctor.Core.Repair;

/// <summary>The repair services and every action, registered as one group (one line in ServiceRegistration).</summary>
public static class RepairServiceRegistration
{
    public static IServiceCollection AddRepair(this IServiceCollection services)
    {
        // Diagnosis and inventory are the other areas' services; registered here only if no one did (the CLI verbs).
        services.TryAddSingleton<IEnvironmentDiagnoser, EnvironmentDiagnoser>();
        services.TryAddSingleton<IInterpreterInventory>(_ => new InterpreterInventory());
        services.TryAddSingleton<JournalRecovery>();
        // Recovery and the engine are made once here and injected (the engine, recreate and the service share them);
        // the engine's fault seam is optional and registered only by the test host.
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
        services.TryAddSingleton<RepairService>();
        return services;
    }
}
