using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Repair;

/// <summary>
/// What the user asked to repair. <see cref="Base"/> is a chosen base interpreter (relink-base, recreate);
/// <see cref="From"/> an old location to rewrite when the files do not say it; <see cref="WorkspaceFolder"/> the
/// folder whose <c>.vscode/settings.json</c> repoint-interpreter edits.
/// </summary>
public sealed record RepairRequest(string EnvironmentPath)
{
    public string? Action { get; init; }
    public string? Base { get; init; }
    public string? From { get; init; }
    public string? WorkspaceFolder { get; init; }
    /// <summary>reinstall-editable: the distribution whose records to fix, and its source folder now.</summary>
    public string? Distribution { get; init; }
    public string? Source { get; init; }
    /// <summary>Installed bases (from the inventory) to choose from when <see cref="Base"/> is not given.</summary>
    public IReadOnlyList<BaseInterpreter> Interpreters { get; init; } = [];
    /// <summary>
    /// Folders the environment and workspace folder must resolve inside (the client's workspace folders); null when
    /// the user named the path (command line, or a folder picked in the editor).
    /// </summary>
    public IReadOnlyList<string>? AllowedRoots { get; init; }
}

/// <summary>One repair action (see <see cref="RepairActions"/>): decides the edits; the engine applies them.</summary>
public interface IRepairAction
{
    string Name { get; }

    /// <summary>Reads the environment's files and returns every edit, without changing anything.</summary>
    RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken);
}
