using System.Text.Json;
using Microsoft.Extensions.Logging;
using PolyType;
using StreamJsonRpc;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Handlers;
using VenvDoctor.Sidecar.Hosting;

namespace VenvDoctor.Sidecar.TestHost;

/// <summary>
/// TEST-ONLY methods under <c>$/test/</c>: they let process tests, the interop suite and the benchmark exercise the
/// transport (a slow cancellable request, a failing handler, server-to-client requests, progress, logging) without
/// depending on any product method. Only this host registers them; never documented as protocol.
/// </summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface ITestHooksMethods
{
    [JsonRpcMethod("$/test/echo", UseSingleObjectParameterDeserialization = true)]
    Task<JsonElement> EchoAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("$/test/sleep", UseSingleObjectParameterDeserialization = true)]
    Task<SleepResult> SleepAsync(SleepParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("$/test/sleepInOrder", UseSingleObjectParameterDeserialization = true)]
    Task<SleepResult> SleepInOrderAsync(SleepParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("$/test/fail", UseSingleObjectParameterDeserialization = true)]
    Task<JsonElement> FailAsync(FailParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("$/test/askClient", UseSingleObjectParameterDeserialization = true)]
    Task<JsonElement> AskClientAsync(AskClientParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("$/test/progress", UseSingleObjectParameterDeserialization = true)]
    Task<int> ProgressAsync(TestProgressParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("$/test/log", UseSingleObjectParameterDeserialization = true)]
    Task LogAsync(LogParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("$/test/session", UseSingleObjectParameterDeserialization = true)]
    Task<SessionSnapshot> SessionAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default);
}

public sealed class TestHooksHandler(SessionState session, ClientChannel channel, RequestQueue queue, ILogger<TestHooksHandler> logger)
    : IRpcHandler, ITestHooksMethods
{
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement;

    public void Register(RpcServerConnection connection) =>
        connection.AddTarget(RpcTargetMetadata.FromShape<ITestHooksMethods>(), this);

    public Task<JsonElement> EchoAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() => Task.FromResult(parameters?.Clone() ?? Null));

    public Task<SleepResult> SleepAsync(SleepParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() => SleepCoreAsync(parameters ?? new SleepParams(), cancellationToken));

    public Task<SleepResult> SleepInOrderAsync(SleepParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ChangeAsync(() => SleepCoreAsync(parameters ?? new SleepParams(), cancellationToken));

    public Task<JsonElement> FailAsync(FailParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync<JsonElement>(() => throw new InvalidOperationException((parameters ?? new FailParams()).Message));

    public Task<JsonElement> AskClientAsync(AskClientParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() =>
        {
            var p = parameters ?? new AskClientParams();
            var peer = channel.Peer ?? throw new InvalidOperationException("no client");
            return peer.RequestAsync(p.Method, p.Params ?? Null, RpcJsonContext.Default.JsonElement, RpcJsonContext.Default.JsonElement, cancellationToken);
        });

    public Task<int> ProgressAsync(TestProgressParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(async () =>
        {
            var p = parameters ?? new TestProgressParams();
            var context = channel.ContextFor(p);
            await context.BeginWorkAsync("Testing progress", cancellable: true, percentage: 0);
            for (var i = 1; i <= p.Steps; i++)
            {
                await context.ReportPartialResultAsync(i, TestHooksJsonContext.Default.Int32, cancellationToken);
                await context.ReportWorkAsync($"step {i}", i * 100 / p.Steps);
            }
            await context.EndWorkAsync("done");
            context.MarkCompleted();
            return p.Steps;
        });

    public Task LogAsync(LogParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() =>
        {
            var p = parameters ?? new LogParams();
            var level = Enum.TryParse<LogLevel>(p.Level, ignoreCase: true, out var l) ? l : LogLevel.Information;
            logger.Log(level, "{Message}", p.Message);
            return Task.FromResult(true);
        });

    public Task<SessionSnapshot> SessionAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() => Task.FromResult(new SessionSnapshot(session.WorkspaceRoots, session.MaxDepth, session.ExcludeGlobs,
            session.ExtraSearchFolders, session.Watch, session.Trace.ToString().ToLowerInvariant(), session.ClientName,
            session.Initialized.IsCompleted)));

    private static async Task<SleepResult> SleepCoreAsync(SleepParams p, CancellationToken cancellationToken)
    {
        await Task.Delay(p.Ms, cancellationToken);
        return new SleepResult(p.Ms);
    }
}
