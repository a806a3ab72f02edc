using System.Threading.Channels;
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
public sealed class EnvironmentDiscovery(IDiscoveryFileSystem fileSystem, MachineLocations locations) : IEnvironmentDiscovery
{
    private readonly WalkCache cache = new();

    public EnvironmentDiscovery() : this(PhysicalFileSystem.Instance, MachineLocations.FromEnvironment()) { }

    public IEnumerable<EnvironmentCandidate> FindInWorkspace(ScanRequest request, Action<SkippedPath> onSkipped, CancellationToken cancellationToken)
    {
        // The walk runs on its own threads; candidates stream to the caller as they are found.
        var channel = Channel.CreateUnbounded<EnvironmentCandidate>(new UnboundedChannelOptions { SingleReader = true });
        var options = new WalkOptions(request.MaxDepth, new PruneRules(request.ExcludeGlobs));
        var walk = Task.Run(() =>
        {
            try
            {
                new WorkspaceWalker(fileSystem, cache).Walk(request.Roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).ToList(), options,
                    c => channel.Writer.TryWrite(c), onSkipped, cancellationToken);
                channel.Writer.Complete();
            }
            catch (Exception e) { channel.Writer.Complete(e); }
        }, CancellationToken.None);
        return Read(channel.Reader, walk, cancellationToken);
    }

    private static IEnumerable<EnvironmentCandidate> Read(ChannelReader<EnvironmentCandidate> reader, Task walk, CancellationToken cancellationToken)
    {
        foreach (var candidate in reader.ReadAllAsync(cancellationToken).ToBlockingEnumerable(cancellationToken))
            yield return candidate;
        walk.GetAwaiter().GetResult();
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
