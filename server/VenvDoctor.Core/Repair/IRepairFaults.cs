namespace VenvDoctor.Core.Repair;

/// <summary>
/// Where a crash can strike a repair: the engine calls <see cref="After"/> after each write of a phase (<c>apply</c>
/// or <c>undo</c>). Write 0 is "journal saved, nothing changed"; write N+1 of apply is "committed"; a folder swap
/// numbers its steps (see <see cref="RepairEngine.ApplyFolderSwapAsync"/>). What ships does nothing here
/// (<see cref="NoRepairFaults"/>); the crash-safety tests supply one that ends the process (the test host) or throws
/// <see cref="RepairStoppedDeadException"/> (in-process tests), so every point of a repair can be shown recoverable.
/// </summary>
public interface IRepairFaults
{
    void After(string phase, int writes);
}

/// <summary>No fault anywhere: the engine as it ships.</summary>
public sealed class NoRepairFaults : IRepairFaults
{
    public static NoRepairFaults Instance { get; } = new();

    public void After(string phase, int writes) { }
}

/// <summary>
/// Thrown by an <see cref="IRepairFaults"/> to stop a repair as a kill would: the engine lets it through without
/// rolling anything back, so what is left on disk is what a killed process leaves.
/// </summary>
public sealed class RepairStoppedDeadException(string where) : Exception($"stopped dead at {where}");
