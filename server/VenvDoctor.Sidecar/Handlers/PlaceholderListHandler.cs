using System.Text.Json;
using VenvDoctor.JsonRpc;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary>
/// PLACEHOLDER until discovery lands: <c>venv/list</c> answering an empty report, so clients can be wired end to
/// end. It registers only when no real handler took <c>venv/list</c> (fallback handlers register last), and can be
/// deleted together with its line in ServiceRegistration once the real one is merged.
/// </summary>
public sealed class PlaceholderListHandler : IFallbackRpcHandler
{
    private const string Method = "venv/list";
    private static readonly JsonElement EmptyReport = JsonDocument.Parse("""{"environments":[],"settings":[],"interpreters":[],"skipped":[]}""").RootElement;

    public void Register(RpcMethodTable methods)
    {
        if (methods.Contains(Method)) return;
        methods.AddRequest(Method, RpcJsonContext.Default.JsonElement, RpcJsonContext.Default.JsonElement,
            (_, _, _) => ValueTask.FromResult(EmptyReport));
    }
}
