using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Locators;
using VenvDoctor.Core.Discovery.Machine;
using VenvDoctor.Core.Discovery.Walking;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery;

/// <summary>
/// Finds environments in the workspace (a parallel walk, see <see cref="WorkspaceWalker"/>) and on the machine
/// (<see cref="MachineEnvironmentFinder"/>). Keeps the folder listings of earlier walks (<see cref="WalkCache"/>) so
/// a second scan of the same workspace in the same process re-reads only folders that changed.
/// </summary>
public sealed class EnvironmentDiscovery(IDiscoveryFileSystem fileSystem, MachineLocations locations, bool keepListings = true) : IEnvironmentDiscovery
{
    /// <summary>Null for a process that walks once (a CLI verb): keeping listings for a next walk costs a stat per folder.</summary>
    private readonly WalkCache? cache = keepListings ? new() : null;

    public EnvironmentDiscovery() : this(PhysicalFileSystem.Instance, MachineLocations.FromEnvironment()) { }

    /// <summary>For a process that walks once (<c>scan</c>): no listings are kept.</summary>
    public static EnvironmentDiscovery ForOneWalk() => new(PhysicalFileSystem.Instance, MachineLocations.FromEnvironment(), keepListings: false);

    /// <summary>
    /// Walks on the calling thread (plus the walker's own helper threads), reporting through callbacks. Not a stream
    /// fed from a pool task: a pool thread blocked on another pool task starves the pool when many scans run at once.
    /// </summary>
    public void WalkWorkspace(ScanRequest request, Action<EnvironmentCandidate> onFound, Action<SkippedPath> onSkipped, CancellationToken cancellationToken)
    {
        var options = new WalkOptions(request.MaxDepth, new PruneRules(request.ExcludeGlobs));
        var roots = request.Roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).ToList();
        new WorkspaceWalker(fileSystem, cache).Walk(roots, options, onFound, onSkipped, cancellationToken);
    }

    public IEnumerable<EnvironmentCandidate> FindOnMachine(Action<SkippedPath> onSkipped, CancellationToken cancellationToken) =>
        new MachineEnvironmentFinder(fileSystem, locations).Find(onSkipped, cancellationToken);

    public EnvironmentCandidate? Identify(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        try
        {
            var real = fileSystem.ResolveRealPath(full);
            if (real is null || !fileSystem.DirectoryExists(real)) return null;
            var view = new FolderView(real, fileSystem.List(real), fileSystem);
            var manager = locations.ManagerOf(full) ?? locations.ManagerOf(real) ?? "workspace";
            if (EnvironmentLocators.Identify(view) is { } locator)
                return new EnvironmentCandidate(full, real, locator.Kind, locator.Name, manager);
            if (Inventory.BaseInstall.IsBase(view) && manager == "pyenv")
                return new EnvironmentCandidate(full, real, EnvironmentKind.Pyenv, "pyenv", "pyenv");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
