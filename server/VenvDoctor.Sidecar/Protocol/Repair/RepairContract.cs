using PolyType;
using StreamJsonRpc;

namespace VenvDoctor.Sidecar.Protocol.Repair;

/// <summary>Repair (docs/protocol.md §6): planning is read-only; apply and undo change state, in arrival order.</summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface IRepairMethods
{
    [JsonRpcMethod(Methods.PlanRepair, UseSingleObjectParameterDeserialization = true)]
    Task<RepairPlanWire> PlanRepairAsync(RepairParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(Methods.ApplyRepair, UseSingleObjectParameterDeserialization = true)]
    Task<ApplyRepairResult> ApplyRepairAsync(RepairParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(Methods.UndoRepair, UseSingleObjectParameterDeserialization = true)]
    Task<UndoRepairResult> UndoRepairAsync(UndoRepairParams? parameters = null, CancellationToken cancellationToken = default);
}
