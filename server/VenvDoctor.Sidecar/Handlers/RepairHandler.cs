using StreamJsonRpc;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Policy;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Repair;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary>
/// <c>venv/planRepair</c>, <c>venv/applyRepair</c> (work-done progress, cancellable), <c>venv/undoRepair</c> (of an
/// environment, or of a settings file's last edit).
/// Paths outside the workspace roots (by real path, checked in <see cref="RepairService"/> for the CLI and RPC alike)
/// are refused unless the client marks them <c>userChosen</c>: a client cannot be talked into rewriting an arbitrary
/// folder by a path found in some file.
/// </summary>
public sealed class RepairHandler(RepairService repair, InterpreterSettingService settings, SessionState session, ClientChannel channel, RequestQueue queue) : IRpcHandler, IRepairMethods
{
    public void Register(RpcServerConnection connection) =>
        connection.AddTarget(RpcTargetMetadata.FromShape<IRepairMethods>(), this);

    public Task<RepairPlanWire> PlanRepairAsync(RepairParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() => Task.FromResult(Failures.Guard(() => RepairPlanWire.From(repair.Plan(ToRequest(parameters), cancellationToken)))));

    public Task<ApplyRepairResult> ApplyRepairAsync(RepairParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ChangeAsync(() => ApplyAsync(parameters, cancellationToken));

    public Task<UndoRepairResult> UndoRepairAsync(UndoRepairParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ChangeAsync(() =>
        {
            var p = parameters ?? new UndoRepairParams("");
            CheckAllowed(p.Path);
            // A settings file names its last edit (venv/setInterpreterSetting); any other path an environment.
            return Task.FromResult(Failures.Guard(() => WorkspaceSettings.IsSettingsPath(p.Path)
                ? UndoRepairResult.From(settings.Undo(p.Path, AllowedRoots(p.UserChosen)))
                : UndoRepairResult.From(repair.Undo(p.Path, AllowedRoots(p.UserChosen), null, cancellationToken))));
        });

    private async Task<ApplyRepairResult> ApplyAsync(RepairParams? p, CancellationToken cancellationToken)
    {
        var request = ToRequest(p);
        var context = channel.ContextFor(p);
        try
        {
            return await ApplyCoreAsync(request, context, cancellationToken);
        }
        finally
        {
            context.MarkCompleted();
        }
    }

    private async Task<ApplyRepairResult> ApplyCoreAsync(RepairRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        await context.BeginWorkAsync($"Repairing {Path.GetFileName(request.EnvironmentPath)}", cancellable: true);
        var progress = new WorkDoneProgress(context);
        try
        {
            // The engine is synchronous file work (and recreate runs processes): keep it off the dispatcher's thread.
            var outcome = await Task.Run(() => repair.ApplyAsync(request, progress, cancellationToken), cancellationToken);
            await progress.DrainAsync();
            await context.EndWorkAsync($"{outcome.Plan.Title}: done");
            return ApplyRepairResult.From(outcome);
        }
        catch (Exception e) when (Failures.Of(e) is { } failure)
        {
            await progress.DrainAsync();
            if (e is OperationCanceledException)
            {
                await context.EndWorkAsync("cancelled; the environment is as it was");
                throw; // the JSON-RPC layer answers a cancelled request itself (-32800)
            }
            await context.EndWorkAsync("not repaired");
            throw failure.ToRpcException();
        }
    }

    private RepairRequest ToRequest(RepairParams? parameters)
    {
        var p = parameters ?? new RepairParams("");
        CheckAllowed(p.Path);
        return new RepairRequest(p.Path)
        {
            Action = p.Action, Base = p.Base, From = p.From, Source = p.Source, WorkspaceFolder = p.WorkspaceFolder,
            AllowedRoots = AllowedRoots(p.UserChosen),
        };
    }

    internal static void CheckAllowed(string path, string name = "path")
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
            throw new RpcException(RpcErrorCodes.InvalidParams, $"{name} must be an absolute path.");
    }

    /// <summary>The workspace folders the service checks the target against by real path; none when the user picked the folder.</summary>
    internal static IReadOnlyList<string>? AllowedRoots(SessionState session, bool userChosen) => userChosen ? null : session.WorkspaceRoots.ToList();

    private IReadOnlyList<string>? AllowedRoots(bool userChosen) => AllowedRoots(session, userChosen);

    /// <summary>Bridges the engine's synchronous progress to <c>$/progress</c> reports, in order, without blocking the engine.</summary>
    private sealed class WorkDoneProgress(RequestContext context) : IProgress<RepairProgress>
    {
        private readonly Lock gate = new();
        private Task chain = Task.CompletedTask;

        public void Report(RepairProgress value)
        {
            lock (gate) chain = chain.ContinueWith(_ => context.ReportWorkAsync(value.Message, value.Percentage).AsTask(), TaskScheduler.Default).Unwrap();
        }

        public Task DrainAsync()
        {
            lock (gate) return chain;
        }
    }
}
