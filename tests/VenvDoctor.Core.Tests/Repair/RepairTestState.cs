using System.Runtime.CompilerServices;

namespace VenvDoctor.Core.Tests.Repair;

internal static class RepairTestState
{
    /// <summary>Keeps the engine's pending-journal index of test runs out of the user's state folder.</summary>
    [ModuleInitializer]
    internal static void IsolateStateFolder() =>
        Environment.SetEnvironmentVariable("VENV_DOCTOR_STATE_DIR", Path.Combine(Path.GetTempPath(), $"vd-test-state-{Environment.ProcessId}"));
}
