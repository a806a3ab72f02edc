using System.Collections.Concurrent;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Walking;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Tests.Discovery;

internal sealed record WalkResult(List<EnvironmentCandidate> Found, List<SkippedPath> Skipped)
{
    public EnvironmentCandidate Single(string path) => Assert.Single(Found, c => c.Path == path);
    public IEnumerable<string> Paths => Found.Select(f => f.Path).Order(StringComparer.Ordinal);
}

internal static class Walk
{
    /// <summary>Runs a walk with a deadline: a walk that hangs (on a FIFO, a loop) fails the test instead of hanging it.</summary>
    public static WalkResult Run(string root, IDiscoveryFileSystem? fs = null, int? maxDepth = null, string[]? globs = null, WalkCache? cache = null)
    {
        var found = new ConcurrentBag<EnvironmentCandidate>();
        var skipped = new ConcurrentBag<SkippedPath>();
        var walker = new WorkspaceWalker(fs ?? PhysicalFileSystem.Instance, cache);
        var task = Task.Run(() => walker.Walk([root], new WalkOptions(maxDepth, new PruneRules(globs ?? [])), found.Add, skipped.Add, CancellationToken.None));
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "the walk did not finish within 60 s");
        return new WalkResult(found.ToList(), skipped.ToList());
    }
}
