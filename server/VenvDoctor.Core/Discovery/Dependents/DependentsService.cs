using VenvDoctor.Core.Discovery.Machine;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Dependents;

/// <summary>What <see cref="DependentsService.FindAsync"/> found: the base as resolved, and each environment built on it, diagnosed.</summary>
public sealed record DependentsReport(BaseTarget Base, IReadOnlyList<PythonEnvironment> Environments);

/// <summary>
/// The environments built on a base install (<see cref="BuiltOn"/>), in the folders asked about (walked as a scan
/// walks them) and in every machine location discovery knows (pyenv-virtualenv, virtualenvwrapper, pipenv, poetry,
/// hatch, uv tools, conda). The owner of "which venvs break if this Python goes": the CLI's <c>dependents</c>,
/// <c>venv/dependents</c> and the extension's "Show Environments Built on This Python" ask here. (The view's Installed
/// Pythons children still come from the extension's own <c>home</c> check, as the README's owners table says.)
/// </summary>
public sealed class DependentsService(IScanService scans, MachineLocations locations)
{
    public DependentsService(IScanService scans) : this(scans, MachineLocations.FromEnvironment()) { }

    public BaseTarget Resolve(string python) => BaseTarget.Resolve(python, locations);

    public async Task<DependentsReport> FindAsync(string python, IReadOnlyList<string> roots, ScanRequest? walk, CancellationToken cancellationToken)
    {
        var target = Resolve(python);
        var machine = scans.ScanAsync(new ScanRequest { Scope = ScanScope.Machine }, null, cancellationToken);
        var workspace = roots.Count == 0
            ? Task.FromResult(new ScanReport([], [], [], []))
            : scans.ScanAsync((walk ?? new ScanRequest()) with { Roots = roots, Scope = ScanScope.Workspace }, null, cancellationToken);
        var found = (await machine).Environments.Concat((await workspace).Environments);
        var built = found.Where(e => BuiltOn.Base(e, target))
            .DistinctBy(e => Anatomy.PathResolver.RealPath(e.Path) ?? e.Path)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        return new DependentsReport(target, built);
    }
}
