using System.Collections.Concurrent;
using StreamJsonRpc;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Dependents;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Discovery;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary><c>venv/list</c>, <c>venv/diagnose</c>, <c>venv/interpreters</c>, <c>venv/dependents</c> (docs/protocol.md §4).</summary>
public sealed class DiscoveryHandler(IScanService scans, IInterpreterInventory inventory, DependentsService dependents, SessionState session, ClientChannel channel, RequestQueue queue)
    : IRpcHandler, IDiscoveryMethods
{
    private static DiscoveryJsonContext Json => DiscoveryJsonContext.Default;

    public void Register(RpcServerConnection connection) =>
        connection.AddTarget(RpcTargetMetadata.FromShape<IDiscoveryMethods>(), this);

    public Task<ScanResultDto> ListAsync(ListParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() => ListCoreAsync(parameters ?? new ListParams(), cancellationToken));

    public Task<EnvironmentDto> DiagnoseAsync(DiagnoseParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() => DiagnoseCoreAsync(parameters ?? new DiagnoseParams(), cancellationToken));

    public Task<InterpretersResult> InterpretersAsync(InterpretersParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() => Task.FromResult(new InterpretersResult(inventory.List(cancellationToken).Select(DiscoveryWire.ToWire).ToList())));

    public Task<DependentsResult> DependentsAsync(DependentsParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() => DependentsCoreAsync(parameters ?? new DependentsParams(), cancellationToken));

    /// <summary>The workspace folders (and extra folders) unless the client names its own roots; the machine's locations always.</summary>
    private async Task<DependentsResult> DependentsCoreAsync(DependentsParams p, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(p.Python)) throw new RpcException(RpcErrorCodes.InvalidParams, "python must name a base interpreter, its prefix or a pyenv version");
        var roots = p.Roots ?? [.. session.WorkspaceRoots, .. session.ExtraSearchFolders];
        foreach (var root in roots)
            if (!Path.IsPathFullyQualified(root)) throw new RpcException(RpcErrorCodes.InvalidParams, $"roots must be absolute paths: {root}");
        var walk = new ScanRequest { MaxDepth = session.MaxDepth, ExcludeGlobs = session.ExcludeGlobs };
        try
        {
            return DiscoveryWire.ToWire(await dependents.FindAsync(p.Python, roots, walk, cancellationToken));
        }
        catch (UnknownBaseException e)
        {
            throw Failures.Of(e)!.ToRpcException();
        }
    }

    private async Task<ScanResultDto> ListCoreAsync(ListParams p, CancellationToken cancellationToken)
    {
        var context = channel.ContextFor(p);
        var scope = p.Scope switch
        {
            null or "workspace" => ScanScope.Workspace,
            "machine" => ScanScope.Machine,
            _ => throw new RpcException(RpcErrorCodes.InvalidParams, $"scope must be \"workspace\" or \"machine\", not \"{p.Scope}\""),
        };
        // Machine scope needs no roots; the workspace scope defaults to the session's folders (and extra folders).
        var roots = p.Roots ?? [.. session.WorkspaceRoots, .. session.ExtraSearchFolders];
        foreach (var root in roots)
            if (!Path.IsPathFullyQualified(root)) throw new RpcException(RpcErrorCodes.InvalidParams, $"roots must be absolute paths: {root}");
        if (p.MaxDepth < 0) throw new RpcException(RpcErrorCodes.InvalidParams, "maxDepth must be 0 or more");
        var request = new ScanRequest
        {
            Scope = scope,
            Roots = roots,
            MaxDepth = p.MaxDepth ?? session.MaxDepth,
            ExcludeGlobs = p.ExcludeGlobs ?? session.ExcludeGlobs,
            Probe = p.Probe ?? false,
        };

        // Each environment goes out as venv/found (and as a partial result when the client asked for them) the
        // moment it is diagnosed; every send completes before the response, so the response comes last.
        try
        {
            var sends = new ConcurrentQueue<Task>();
            var streamed = context.PartialResultToken is not null;
            await context.BeginWorkAsync("Scanning for Python environments", cancellable: true);
            var report = await scans.ScanAsync(request, environment =>
            {
                var wire = DiscoveryWire.ToWire(environment);
                sends.Enqueue(ServerNotifications.Found.SendAsync(context.Peer, new FoundNotification(wire), cancellationToken).AsTask());
                if (streamed)
                    sends.Enqueue(context.ReportPartialResultAsync(new ListPartialResult([wire]), Json.ListPartialResult, cancellationToken).AsTask());
            }, cancellationToken);
            await Task.WhenAll(sends);
            await context.EndWorkAsync($"{report.Environments.Count} environment(s)");
            // LSP: what went out as partial results is not repeated in the response.
            return DiscoveryWire.ToWire(report, withEnvironments: !streamed);
        }
        finally
        {
            context.MarkCompleted(); // nothing is reported after the response
        }
    }

    private async Task<EnvironmentDto> DiagnoseCoreAsync(DiagnoseParams p, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(p.Path) || !Path.IsPathFullyQualified(p.Path))
            throw new RpcException(RpcErrorCodes.InvalidParams, "path must be an absolute path");
        if (!Directory.Exists(p.Path))
            throw new RpcException(RpcErrorCodes.InvalidParams, $"no such folder: {p.Path}");
        var environment = await scans.DiagnoseAsync(p.Path, p.Probe ?? false, cancellationToken)
            ?? throw new RpcException(RpcErrorCodes.RequestFailed, $"not a Python environment: {p.Path}");
        return DiscoveryWire.ToWire(environment);
    }
}
