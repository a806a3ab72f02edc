using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Journal;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// One test's own journal store, in a folder of its own under the temporary folder: the engine, recovery and the
/// test's assertions share it, and nothing of a test run reaches the user's state folder or another test's.
/// A test class holds one as a field (xunit makes a new instance of the class for each test).
/// </summary>
internal sealed class TestJournals
{
    public JournalStore Store { get; } = new(new JournalStoreOptions(
        Path.Combine(Path.GetTempPath(), $"vd-test-state-{Environment.ProcessId}", Guid.NewGuid().ToString("N"))));

    public JournalRecovery Recovery() => new(Store);

    /// <summary>An engine on this store; <paramref name="faults"/> where it should stop dead (none by default).</summary>
    public RepairEngine Engine(IRepairFaults? faults = null) => new(Store, Recovery(), faults ?? NoRepairFaults.Instance);
}

/// <summary>Stops the engine dead after the Nth write of a phase, as a kill would, by throwing <see cref="RepairStoppedDeadException"/>.</summary>
internal sealed class StopAt(string phase, int writes) : IRepairFaults
{
    public void After(string currentPhase, int currentWrites)
    {
        if (currentPhase == phase && currentWrites == writes) throw new RepairStoppedDeadException($"{currentPhase}:{currentWrites}");
    }
}
