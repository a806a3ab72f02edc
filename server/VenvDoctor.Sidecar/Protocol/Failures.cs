using VenvDoctor.Core.Discovery.Dependents;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Policy;
using VenvDoctor.JsonRpc;

namespace VenvDoctor.Sidecar.Protocol;

/// <summary>How an expected failure reaches the user: the JSON-RPC error code, the CLI's exit code, and the one line both show.</summary>
public sealed record Failure(int RpcCode, int ExitCode, string Message)
{
    public RpcException ToRpcException() => new(RpcCode, Message);
}

/// <summary>
/// The one table from Core's exceptions to what the RPC handlers answer and the CLI exits with (docs/protocol.md §6
/// "Errors", §2.7). Anything not listed is unexpected: -32603 from the JSON-RPC layer, exit 3 from the CLI.
/// </summary>
public static class Failures
{
    public static Failure? Of(Exception e) => e switch
    {
        // Before RepairException, which it is: a path outside the client's workspace folders is a bad parameter.
        OutsideAllowedRootsException => new(RpcErrorCodes.InvalidParams, ExitCodes.Failed, e.Message),
        RepairException => new(RpcErrorCodes.RequestFailed, ExitCodes.Failed, e.Message),
        // Asked to make a healthy environment healthy: nothing to do is success for the CLI, a failed request for RPC.
        NothingToRepairException nothing => new(RpcErrorCodes.RequestFailed, nothing.AlreadyHealthy ? ExitCodes.Done : ExitCodes.Failed, e.Message),
        // The RPC handlers let the JSON-RPC layer answer a cancelled request (-32800); the engine has rolled back.
        OperationCanceledException => new(RpcErrorCodes.RequestCancelled, ExitCodes.Failed, "cancelled; the environment is as it was."),
        // The base named to `dependents` is not one: the caller's mistake, so a bad parameter and a usage error.
        UnknownBaseException => new(RpcErrorCodes.InvalidParams, ExitCodes.UsageError, e.Message),
        _ => null,
    };

    /// <summary>Runs a handler's synchronous work, answering Core's expected failures with their JSON-RPC errors; cancellation is left to the JSON-RPC layer.</summary>
    public static T Guard<T>(Func<T> run)
    {
        try { return run(); }
        catch (Exception e) when (e is not OperationCanceledException && Of(e) is { } failure) { throw failure.ToRpcException(); }
    }
}
