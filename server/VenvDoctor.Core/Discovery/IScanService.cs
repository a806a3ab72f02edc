using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery;

/// <summary>Discovery + diagnosis of a whole scope. Streams each environment as it is diagnosed.</summary>
public interface IScanService
{
    Task<ScanReport> ScanAsync(ScanRequest request, Action<PythonEnvironment>? onFound, CancellationToken cancellationToken);

    /// <summary>Identifies and diagnoses one folder; null when it is not an environment.</summary>
    Task<PythonEnvironment?> DiagnoseAsync(string path, bool probe, CancellationToken cancellationToken);
}

/// <summary>The inventory of installed base interpreters, versions read from files (never run).</summary>
public interface IInterpreterInventory
{
    IReadOnlyList<BaseInterpreter> List(CancellationToken cancellationToken);
}
