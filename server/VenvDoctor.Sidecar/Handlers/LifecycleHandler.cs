using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Protocol.Lifecycle;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary>LSP lifecycle: <c>initialize</c>, <c>initialized</c>, <c>shutdown</c>, <c>exit</c>, <c>$/setTrace</c>.</summary>
public sealed class LifecycleHandler(ServerLifecycle lifecycle, SessionState session, ILogger<LifecycleHandler> logger) : IRpcHandler
{
    public const int ProtocolVersion = 1;

    private IReadOnlyCollection<string> methodNames = [];

    public static string ServerVersion { get; } =
        typeof(LifecycleHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public void Register(RpcMethodTable methods)
    {
        methodNames = methods.Methods;
        methods
            .AddRequest("initialize", LifecycleJsonContext.Default.InitializeParams, LifecycleJsonContext.Default.InitializeResult,
                InitializeAsync, MethodOptions.ChangesState | MethodOptions.AllowedBeforeInitialize)
            .AddNotification("initialized", RpcJsonContext.Default.JsonElement, (_, _) =>
            {
                session.MarkInitialized(); // its waiters continue on the pool, not on the read loop
                return ValueTask.CompletedTask;
            }, MethodOptions.RunsInline) // a request sent after it finds the session initialized
            .AddRequest("shutdown", RpcJsonContext.Default.JsonElement, RpcJsonContext.Default.JsonElement, (_, _, _) =>
            {
                lifecycle.MarkShutdown();
                logger.LogInformation("Shutdown requested; waiting for exit");
                return ValueTask.FromResult(default(JsonElement));
            }, MethodOptions.ChangesState)
            .AddNotification("exit", RpcJsonContext.Default.JsonElement, (_, _) =>
            {
                lifecycle.RequestExit();
                return ValueTask.CompletedTask;
            }, MethodOptions.ChangesState | MethodOptions.AllowedBeforeInitialize) // ordered after a pipelined shutdown
            .AddNotification("$/setTrace", LifecycleJsonContext.Default.SetTraceParams, (p, _) =>
            {
                session.Trace = ParseTrace(p.Value);
                return ValueTask.CompletedTask;
            }, MethodOptions.AllowedBeforeInitialize | MethodOptions.RunsInline); // in force for every message after it
    }

    private ValueTask<InitializeResult> InitializeAsync(InitializeParams p, RequestContext context, CancellationToken cancellationToken)
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
        session.ApplyInitialize(settings);
        lifecycle.TryMarkInitialized();
        logger.LogInformation("Initialized by {Client}: {Count} workspace root(s)", settings.ClientName ?? "a client", settings.WorkspaceRoots.Count);

        var capabilities = new ServerCapabilities(
            new WorkspaceCapabilities(new WorkspaceFoldersCapability(Supported: true, ChangeNotifications: true)),
            new ExperimentalCapabilities(new VenvDoctorCapabilities(ProtocolVersion, methodNames.Order(StringComparer.Ordinal).ToList())));
        return ValueTask.FromResult(new InitializeResult(capabilities, new ServerInfo("venv-sidecar", ServerVersion)));
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
