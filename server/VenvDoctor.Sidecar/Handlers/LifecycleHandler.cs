using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using VenvDoctor.Core.Display;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Lifecycle;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary>LSP lifecycle: <c>initialize</c>, <c>initialized</c>, <c>shutdown</c>, <c>exit</c>, <c>$/setTrace</c>.</summary>
public sealed class LifecycleHandler(ServerLifecycle lifecycle, SessionState session, ClientChannel channel, RequestQueue queue, ILogger<LifecycleHandler> logger)
    : IRpcHandler, ILifecycleMethods
{
    public const int ProtocolVersion = 1;

    public static string ServerVersion { get; } =
        typeof(LifecycleHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public void Register(RpcServerConnection connection) =>
        connection.AddTarget(RpcTargetMetadata.FromShape<ILifecycleMethods>(), this);

    public Task<InitializeResult> InitializeAsync(InitializeParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ChangeAsync(() => Task.FromResult(Initialize(parameters ?? new InitializeParams())));

    // Runs where the library dispatches it, before the next message's handler starts: a request sent after it
    // finds the session initialized. Its waiters continue on the pool.
    public void Initialized(JsonElement? parameters = null) => session.MarkInitialized();

    public Task ShutdownAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ChangeAsync(() =>
        {
            lifecycle.MarkShutdown();
            logger.LogInformation("Shutdown requested; waiting for exit");
        });

    // Queued like state-changing requests, so a shutdown pipelined before it has run first.
    public void Exit(JsonElement? parameters = null) => queue.Post(Methods.Exit, lifecycle.RequestExit);

    // In force for every message after it: applied where the library dispatches it, before the next handler starts.
    public void SetTrace(SetTraceParams? parameters = null) => session.Trace = ParseTrace(parameters?.Value);

    private InitializeResult Initialize(InitializeParams p)
    {
        if (lifecycle.State != LifecycleState.NotInitialized)
            throw new RpcException(RpcErrorCodes.InvalidRequest, "initialize may be sent only once");

        var options = p.InitializationOptions ?? new InitializationOptions();
        if (options.MaxDepth is < 0)
            throw new RpcException(RpcErrorCodes.InvalidParams, "initializationOptions.maxDepth must be 0 or more");
        var settings = new SessionSettings(
            WorkspaceRoots(p),
            options.MaxDepth,
            options.ExcludeGlobs ?? [],
            (options.ExtraSearchFolders ?? []).Select(Path.GetFullPath).ToList(),
            options.Watch ?? true,
            ParseTrace(p.Trace),
            p.ClientInfo?.Name is { } name ? $"{name} {p.ClientInfo.Version}".Trim() : null,
            p.ProcessId,
            p.Capabilities?.Clone());
        UseShell(options.Shell);
        session.ApplyInitialize(settings);
        lifecycle.TryMarkInitialized();
        logger.LogInformation("Initialized by {Client}: {Count} workspace root(s)", settings.ClientName ?? "a client", settings.WorkspaceRoots.Count);

        var methods = channel.Connection?.Methods ?? [];
        var capabilities = new ServerCapabilities(
            new WorkspaceCapabilities(new WorkspaceFoldersCapability(Supported: true, ChangeNotifications: true)),
            new ExperimentalCapabilities(new VenvDoctorCapabilities(ProtocolVersion, methods.ToList())));
        return new InitializeResult(capabilities, new ServerInfo("venv-sidecar", ServerVersion));
    }

    /// <summary>Commands to copy are quoted for the client's terminal shell; an unknown name keeps the host's (a newer client's shell).</summary>
    private void UseShell(string? name)
    {
        if (name is null) return;
        if (CommandShells.Named(name) is { } quoting) CopyableCommand.UseShell(quoting);
        else logger.LogWarning("initializationOptions.shell {Shell} is not one this server quotes for; commands to copy use {Default}", name, CopyableCommand.Current.Name);
    }

    /// <summary>workspaceFolders wins; rootUri and rootPath are the older, single-root forms.</summary>
    private IReadOnlyList<string> WorkspaceRoots(InitializeParams p)
    {
        if (p.WorkspaceFolders is { } folders)
            return folders.Select(f => FileUris.ToLocalPath(f.Uri) ?? Skip(f.Uri)).OfType<string>().ToList();
        if (FileUris.ToLocalPath(p.RootUri) is { } root) return [root];
        if (!string.IsNullOrWhiteSpace(p.RootPath)) return [Path.GetFullPath(p.RootPath)];
        return [];
    }

    private string? Skip(string uri)
    {
        logger.LogWarning("Workspace folder {Uri} is not a local file URI; ignored", uri);
        return null;
    }

    internal static ClientTraceLevel ParseTrace(string? value) => value switch
    {
        "messages" => ClientTraceLevel.Messages,
        "verbose" => ClientTraceLevel.Verbose,
        _ => ClientTraceLevel.Off,
    };
}
