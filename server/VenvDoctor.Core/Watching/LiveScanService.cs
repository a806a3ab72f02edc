using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Watching;

/// <summary>Where the running watch's model comes from (the server's live watch; none for a CLI verb).</summary>
public interface ILiveModelSource
{
    /// <summary>The current model (see <see cref="IWatchSession.CurrentModelAsync"/>); null when not watching or degraded.</summary>
    Task<LiveModel?> CurrentModelAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Answers a workspace scan from the live model when the running watch covers exactly what is asked (same roots,
/// depth limit and excludes; no probe) and watches it by events; otherwise scans cold. The watch already walked and
/// diagnosed everything and re-diagnoses what changes (<see cref="Reconciler"/>), so walking it all again would
/// only find the same. Lives beside the watch, not in discovery, because it is the watch's model it trusts.
/// </summary>
public sealed class LiveScanService(IScanService cold, ILiveModelSource? live, IInterpreterInventory inventory,
    IInterpreterSettingsSource? settings = null) : IScanService
{
    public async Task<ScanReport> ScanAsync(ScanRequest request, Action<PythonEnvironment>? onFound, CancellationToken cancellationToken)
    {
        if (await CoveringModelAsync(request, cancellationToken).ConfigureAwait(false) is not { } model)
            return await cold.ScanAsync(request, onFound, cancellationToken).ConfigureAwait(false);
        foreach (var environment in model.Environments) onFound?.Invoke(environment);
        // Read now, as a cold scan does: installed bases and settings files are outside what the watch covers.
        var interpreters = inventory.List(cancellationToken);
        var settingsFound = settings?.Check(request.Roots, model.Environments, interpreters, cancellationToken) ?? [];
        return new ScanReport(model.Environments, settingsFound, interpreters, model.Skipped);
    }

    public Task<PythonEnvironment?> DiagnoseAsync(string path, bool probe, CancellationToken cancellationToken) =>
        cold.DiagnoseAsync(path, probe, cancellationToken);

    private async Task<LiveModel?> CoveringModelAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        if (live is null || request.Scope != ScanScope.Workspace || request.Probe) return null;
        LiveModel? model;
        try { model = await live.CurrentModelAsync(cancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return null; }   // the watch restarted
        if (model is null || model.MaxDepth != request.MaxDepth) return null;
        if (!model.ExcludeGlobs.ToHashSet(StringComparer.Ordinal).SetEquals(request.ExcludeGlobs)) return null;
        return OutermostRoots(request.Roots).SetEquals(model.Roots) ? model : null;
    }

    /// <summary>The roots as the watch holds them: absolute, trimmed, without those inside another one.</summary>
    internal static HashSet<string> OutermostRoots(IEnumerable<string> roots)
    {
        var normalized = roots.Select(Paths.Full).Distinct(StringComparer.Ordinal).ToList();
        return normalized.Where(r => !normalized.Any(o => o != r && Paths.IsUnderOrEqual(r, o))).ToHashSet(StringComparer.Ordinal);
    }
}
