using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace VenvDoctor.JsonRpc;

/// <summary>
/// The LSP lifecycle rules, applied to every message in arrival order before the library dispatches it (so an
/// unknown method before <c>initialize</c> is -32002 too, as LSP says). StreamJsonRpc has no lifecycle of its own.
/// </summary>
internal sealed class LifecycleGate(ServerLifecycle lifecycle)
{
    private const string Initialize = "initialize";
    private const string Exit = "exit";

    // LSP: before initialize only these may be acted on (exit always; $/setTrace and $/cancelRequest are harmless).
    private static readonly HashSet<string> AllowedBeforeInitialize = [Initialize, Exit, "$/setTrace", "$/cancelRequest"];

    private RequestId? initializeId;
    private TaskCompletionSource? initializeAnswered;

    /// <summary>Null when the message may go on; otherwise the error a request is answered with (notifications are dropped).</summary>
    public async ValueTask<(int Code, string Message)?> AdmitAsync(JsonRpcRequest message)
    {
        var method = message.Method!;
        if (method == Exit) return null;
        // A client that pipelines (a script feeding stdin) must not be refused for being quick: whatever follows
        // a running initialize waits for its answer, then is judged. Reading waits too, which keeps arrival order.
        if (lifecycle.State == LifecycleState.NotInitialized && initializeAnswered is { } pending && !AllowedBeforeInitialize.Contains(method))
        {
            await pending.Task.ConfigureAwait(false);
            initializeAnswered = null;
        }
        return lifecycle.State switch
        {
            LifecycleState.NotInitialized when !AllowedBeforeInitialize.Contains(method) =>
                (RpcErrorCodes.ServerNotInitialized, $"Server not initialized: send 'initialize' before '{method}'"),
            LifecycleState.ShutDown =>
                (RpcErrorCodes.InvalidRequest, $"Server is shut down: '{method}' refused; only 'exit' is accepted"),
            _ => null,
        };
    }

    /// <summary>Called for each request handed to the library.</summary>
    public void Received(JsonRpcRequest request)
    {
        if (request.Method != Initialize || lifecycle.State != LifecycleState.NotInitialized) return;
        initializeId = request.RequestId;
        initializeAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Called for each answer the library has sent.</summary>
    public void Answered(RequestId id)
    {
        if (initializeId is { } pending && pending == id) initializeAnswered?.TrySetResult();
    }
}
