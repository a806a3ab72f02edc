using VenvDoctor.Core.Repair.Journal;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// At every start (any verb, <c>serve</c> included): finishes or rolls back repairs a killed process left open, so
/// no environment stays half-repaired. Cheap when nothing is pending (one folder listing). Never fails the start.
/// </summary>
internal static class StartupRecovery
{
    public static void Run()
    {
        try
        {
            foreach (var r in new JournalRecovery().RecoverAll())
                Console.Error.WriteLine($"venv-sidecar: an interrupted repair of {r.EnvironmentPath} was {r.Outcome.Replace('-', ' ')} (journal {r.JournalId}).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Core.Repair.RepairException)
        {
            Console.Error.WriteLine($"venv-sidecar: could not settle an interrupted repair: {e.Message}");
        }
    }
}
