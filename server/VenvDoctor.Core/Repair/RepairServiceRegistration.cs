using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;

namespace VenvDoctor.Core.Repair;

/// <summary>The repair services and every action, registered as one group (one line in ServiceRegistration).</summary>
public static class RepairServiceRegistration
{
    public static IServiceCollection AddRepair(this IServiceCollection services)
    {
        services.TryAddSingleton<JournalRecovery>();
        services.TryAddSingleton(sp => new RepairEngine(sp.GetRequiredService<JournalRecovery>()));
        services.AddSingleton<IRepairAction, RelocateAction>();
        services.AddSingleton<IRepairAction, MakeIndependentAction>();
        services.AddSingleton<IRepairAction, RelinkBaseAction>();
        services.AddSingleton<IRepairAction, RegenerateConfigAction>();
        services.AddSingleton<IRepairAction, FixHomeAction>();
        services.AddSingleton<IRepairAction, ReinstallEditableAction>();
        services.AddSingleton<IRepairAction, RepointInterpreterAction>();
        services.TryAddSingleton<RepairService>();
        return services;
    }
}
