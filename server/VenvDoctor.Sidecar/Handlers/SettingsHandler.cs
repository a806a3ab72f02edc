using StreamJsonRpc;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Settings;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Settings;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary>
/// <c>venv/setInterpreterSetting</c> (changes state: in order with repairs) and <c>venv/expandSetting</c> (a read).
/// The file must be a declared workspace root's <c>.vscode/settings.json</c> or a <c>*.code-workspace</c> the client
/// named, by real path, unless the user picked it (<c>userChosen</c>): see <see cref="InterpreterSettingService"/>.
/// </summary>
public sealed class SettingsHandler(InterpreterSettingService settings, SessionState session, RequestQueue queue) : IRpcHandler, ISettingsMethods
{
    public void Register(RpcServerConnection connection) =>
        connection.AddTarget(RpcTargetMetadata.FromShape<ISettingsMethods>(), this);

    public Task<SetInterpreterSettingResult> SetInterpreterSettingAsync(SetInterpreterSettingParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ChangeAsync(() =>
        {
            var p = parameters ?? new SetInterpreterSettingParams("", "");
            RepairHandler.CheckAllowed(p.File, "file");
            RepairHandler.CheckAllowed(p.Interpreter, "interpreter");
            var roots = RepairHandler.AllowedRoots(session, p.UserChosen);
            return Task.FromResult(Failures.Guard(() => SetInterpreterSettingResult.From(settings.Set(p.File, p.Interpreter, roots, cancellationToken))));
        });

    public Task<ExpandSettingResult> ExpandSettingAsync(ExpandSettingParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() =>
        {
            var p = parameters ?? new ExpandSettingParams("", "");
            RepairHandler.CheckAllowed(p.Folder, "folder");
            try { return Task.FromResult(new ExpandSettingResult(p.Value, p.Folder, SettingVariables.Expand(p.Value ?? "", p.Folder))); }
            // A value no path can be made of (a NUL character): a bad parameter, one line.
            catch (ArgumentException) { throw new RpcException(RpcErrorCodes.InvalidParams, "value does not name a path."); }
        });
}
