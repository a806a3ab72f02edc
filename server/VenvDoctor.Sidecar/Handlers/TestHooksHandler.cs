using System.Text.Json;
using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol.Testing;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary>
/// TEST-ONLY methods under <c>$/test/</c>, registered only when the environment variable
/// <c>VENV_SIDECAR_TEST_METHODS=1</c> is set. They let process-level tests and the benchmark exercise the
/// transport (a slow cancellable request, a failing handler, server-to-client requests, progress, logging)
/// without depending on any product method. Never documented as protocol.
/// </summary>
public sealed class TestHooksHandler(SessionState session, ILogger<TestHooksHandler> logger) : IRpcHandler
{
    public const string EnvironmentVariable = "VENV_SIDECAR_TEST_METHODS";

    public static bool Enabled => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    public void Register(RpcMethodTable methods)
    {
        if (!Enabled) return;
        var ctx = TestHooksJsonContext.Default;
        methods
            .AddRequest("$/test/echo", RpcJsonContext.Default.JsonElement, RpcJsonContext.Default.JsonElement,
                (p, _, _) => ValueTask.FromResult(p.Clone()))
            .AddRequest("$/test/sleep", ctx.SleepParams, ctx.SleepResult, async (p, _, ct) =>
            {
                await Task.Delay(p.Ms, ct);
                return new SleepResult(p.Ms);
            })
            .AddRequest("$/test/sleepInOrder", ctx.SleepParams, ctx.SleepResult, async (p, _, ct) =>
            {
                await Task.Delay(p.Ms, ct);
                return new SleepResult(p.Ms);
            }, MethodOptions.ChangesState)
            .AddRequest<FailParams, JsonElement>("$/test/fail", ctx.FailParams, RpcJsonContext.Default.JsonElement,
                (p, _, _) => throw new InvalidOperationException(p.Message))
            .AddRequest("$/test/askClient", ctx.AskClientParams, RpcJsonContext.Default.JsonElement, async (p, context, ct) =>
                await context.Peer.RequestAsync(p.Method, p.Params ?? default, RpcJsonContext.Default.JsonElement, RpcJsonContext.Default.JsonElement, ct))
            .AddRequest("$/test/progress", ctx.ProgressParams, ctx.Int32, async (p, context, ct) =>
            {
                await context.BeginWorkAsync("Testing progress", cancellable: true, percentage: 0);
                for (var i = 1; i <= p.Steps; i++)
                {
                    await context.ReportPartialResultAsync(i, ctx.Int32, ct);
                    await context.ReportWorkAsync($"step {i}", i * 100 / p.Steps);
                }
                await context.EndWorkAsync("done");
                return p.Steps;
            })
            .AddRequest("$/test/log", ctx.LogParams, RpcJsonContext.Default.JsonElement, (p, _, _) =>
            {
                var level = Enum.TryParse<LogLevel>(p.Level, ignoreCase: true, out var l) ? l : LogLevel.Information;
                logger.Log(level, "{Message}", p.Message);
                return ValueTask.FromResult(default(JsonElement));
            })
            .AddRequest("$/test/session", RpcJsonContext.Default.JsonElement, ctx.SessionSnapshot, (_, _, _) =>
                ValueTask.FromResult(new SessionSnapshot(session.WorkspaceRoots, session.MaxDepth, session.ExcludeGlobs,
                    session.ExtraSearchFolders, session.Watch, session.Trace.ToString().ToLowerInvariant(), session.ClientName,
                    session.Initialized.IsCompleted)));
    }
}
