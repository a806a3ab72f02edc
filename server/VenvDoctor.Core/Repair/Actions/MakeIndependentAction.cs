using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// make-independent: the environment is a copy whose scripts still run the original (which still exists). The
/// rewrite is relocate's; what differs is the reason, and that the original must be left untouched — the
/// engine's scope guarantees only the copy is written.
/// </summary>
public sealed class MakeIndependentAction : IRepairAction
{
    public string Name => RepairActions.MakeIndependent;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken) =>
        RelocateAction.PlanRebase(request, Name, (from, to) => $"Make {to} independent of the original at {from}", cancellationToken);
}
