namespace VenvDoctor.Core.Discovery;

public enum ScanScope { Workspace, Machine }

/// <summary>What to scan. <see cref="MaxDepth"/> null means unlimited.</summary>
public sealed record ScanRequest
{
    public IReadOnlyList<string> Roots { get; init; } = [];
    public ScanScope Scope { get; init; } = ScanScope.Workspace;
    public int? MaxDepth { get; init; }
    public IReadOnlyList<string> ExcludeGlobs { get; init; } = [];
    /// <summary>Opt-in: may run an environment's interpreter (short timeout) to confirm a diagnosis.</summary>
    public bool Probe { get; init; }
}
