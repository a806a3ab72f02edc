using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Discovery.Locators;
using VenvDoctor.Core.Discovery.Walking;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Discovery.Machine;

/// <summary>
/// Environments outside the workspace, in the folders each tool keeps them in. Each source is a folder walked to a
/// small depth with the same locators as the workspace, labelled with its manager. pyenv is special: its base
/// versions are listed too (kind pyenv), as the interpreters a broken venv can be relinked to.
/// </summary>
public sealed class MachineEnvironmentFinder(IDiscoveryFileSystem fileSystem, MachineLocations locations)
{
    /// <summary>(manager, folder, depth): the folder's own children are environments at depth 1.</summary>
    private IEnumerable<(string Manager, string Folder, int Depth)> Sources()
    {
        // pyenv-virtualenv first: its environments are also linked from versions/NAME, and the envs/ path is the real one.
        if (ListOrEmpty(Path.Combine(locations.PyenvRoot, "versions")) is var versions)
            foreach (var v in versions.Where(v => v.IsDirectory && !v.IsLink))
                yield return ("pyenv-virtualenv", Path.Combine(locations.PyenvRoot, "versions", v.Name, "envs"), 1);
        yield return ("virtualenvwrapper", locations.WorkonHome, 1);
        if (locations.PipenvHome != locations.WorkonHome) yield return ("pipenv", locations.PipenvHome, 1);
        foreach (var poetry in locations.PoetryVirtualenvs) yield return ("poetry", poetry, 1);
        // hatch: env/virtual/<project>/<hash>/<env>
        yield return ("hatch", locations.HatchEnvs, 4);
        yield return ("uv", locations.UvTools, 1);
        foreach (var dir in locations.CondaEnvDirs) yield return ("conda", dir, 1);
        foreach (var condaBase in locations.CondaBases)
        {
            yield return ("conda", condaBase, 0);
            yield return ("conda", Path.Combine(condaBase, "envs"), 1);
        }
    }

    public IEnumerable<EnvironmentCandidate> Find(Action<SkippedPath> onSkipped, CancellationToken cancellationToken)
    {
        var found = new List<EnvironmentCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(EnvironmentCandidate c)
        {
            lock (found)
                if (seen.Add(c.RealPath)) found.Add(c);
        }

        foreach (var (manager, folder, depth) in Sources())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!fileSystem.DirectoryExists(folder)) continue;
            new WorkspaceWalker(fileSystem).Walk([folder], new WalkOptions(depth, PruneRules.Default, manager), Add, onSkipped, cancellationToken);
        }
        FindPyenvVersions(Add, onSkipped);
        FindCondaRegistry(Add, onSkipped);
        return found;
    }

    /// <summary>~/.pyenv/versions/*: venvs made by pyenv-virtualenv (or links to them), and the base versions themselves.</summary>
    private void FindPyenvVersions(Action<EnvironmentCandidate> add, Action<SkippedPath> onSkipped)
    {
        var versions = Path.Combine(locations.PyenvRoot, "versions");
        foreach (var entry in ListOrEmpty(versions).Where(e => e.IsDirectory).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = Path.Combine(versions, entry.Name);
            try
            {
                var real = fileSystem.ResolveRealPath(path) ?? path;
                var view = new FolderView(real, fileSystem.List(real), fileSystem);
                if (EnvironmentLocators.Identify(view) is { } locator)
                    add(new EnvironmentCandidate(path, real, locator.Kind, locator.Name, "pyenv-virtualenv"));
                else if (BaseInstall.IsBase(view))
                    add(new EnvironmentCandidate(path, real, EnvironmentKind.Pyenv, "pyenv", "pyenv"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                onSkipped(new SkippedPath(path, e.Message));
            }
        }
    }

    /// <summary>~/.conda/environments.txt: one prefix per line, wherever conda created it.</summary>
    private void FindCondaRegistry(Action<EnvironmentCandidate> add, Action<SkippedPath> onSkipped)
    {
        string? text;
        try { text = fileSystem.ReadHead(locations.CondaEnvironmentsFile, FileKind.CondaEnvironments, FileCaps.Of(FileKind.CondaEnvironments)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onSkipped(new SkippedPath(locations.CondaEnvironmentsFile, e is FileRefusedException refused ? refused.Read.Reason! : e.Message));
            return;
        }
        if (text is null) return;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#') || !Path.IsPathFullyQualified(line)) continue;
            if (!fileSystem.DirectoryExists(line))
            {
                onSkipped(new SkippedPath(line, $"listed in {locations.CondaEnvironmentsFile} but missing"));
                continue;
            }
            new WorkspaceWalker(fileSystem).Walk([line], new WalkOptions(0, PruneRules.Default, "conda"), add, onSkipped, CancellationToken.None);
        }
    }

    private IReadOnlyList<FolderEntry> ListOrEmpty(string folder)
    {
        try { return fileSystem.DirectoryExists(folder) ? fileSystem.List(folder) : []; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
