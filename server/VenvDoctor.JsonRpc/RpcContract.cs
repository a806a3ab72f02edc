// CONTRACT SCAFFOLD: the public surface handlers are written against. The JSON-RPC implementation replaces
// these bodies (and may split this file), keeping the names and signatures.
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace VenvDoctor.JsonRpc;

/// <summary>Handles a request: params in, result out. Throw <see cref="RpcException"/> for a specific error code.</summary>
public delegate ValueTask<TResult> RequestHandler<TParams, TResult>(TParams @params, RequestContext context, CancellationToken cancellationToken);

/// <summary>Handles a notification (no response).</summary>
public delegate ValueTask NotificationHandler<TParams>(TParams @params, CancellationToken cancellationToken);

/// <summary>How the dispatcher schedules a method.</summary>
[Flags]
public enum MethodOptions
{
    None = 0,
    /// <summary>Changes server state: runs one at a time, in arrival order, after earlier state-changing work.</summary>
    ChangesState = 1,
    /// <summary>May run before <c>initialize</c> (lifecycle methods only).</summary>
    AllowedBeforeInitialize = 2,
}

/// <summary>The table of methods a server answers. Filled before the connection listens.</summary>
public sealed class RpcMethodTable
{
    public RpcMethodTable AddRequest<TParams, TResult>(string method, JsonTypeInfo<TParams> paramsInfo, JsonTypeInfo<TResult> resultInfo,
        RequestHandler<TParams, TResult> handler, MethodOptions options = MethodOptions.None) => throw new NotImplementedException();

    public RpcMethodTable AddNotification<TParams>(string method, JsonTypeInfo<TParams> paramsInfo,
        NotificationHandler<TParams> handler, MethodOptions options = MethodOptions.None) => throw new NotImplementedException();
}

/// <summary>The other end of the connection: notifications and requests from server to client.</summary>
public interface IRpcPeer
{
    ValueTask NotifyAsync<TParams>(string method, TParams @params, JsonTypeInfo<TParams> paramsInfo, CancellationToken cancellationToken = default);

    /// <summary>Sends a request and awaits its response. Fails with <see cref="RpcConnectionLostException"/> on disconnect.</summary>
    Task<TResult> RequestAsync<TParams, TResult>(string method, TParams @params, JsonTypeInfo<TParams> paramsInfo, JsonTypeInfo<TResult> resultInfo, CancellationToken cancellationToken = default);
}

/// <summary>Per-request context: the peer, and progress reporting for the tokens the client sent.</summary>
public sealed class RequestContext
{
    public IRpcPeer Peer => throw new NotImplementedException();

    /// <summary>The request id (number or string) as a JsonElement.</summary>
    public JsonElement Id => throw new NotImplementedException();

    /// <summary><c>params.workDoneToken</c> when the client sent one.</summary>
    public JsonElement? WorkDoneToken => throw new NotImplementedException();

    /// <summary><c>params.partialResultToken</c> when the client sent one.</summary>
    public JsonElement? PartialResultToken => throw new NotImplementedException();

    /// <summary>Sends <c>$/progress</c> with the partial-result token; returns false (sending nothing) when there is none.</summary>
    public ValueTask<bool> ReportPartialResultAsync<T>(T value, JsonTypeInfo<T> info, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Work-done progress (begin/report/end) on the client's workDoneToken; no-ops when there is none.</summary>
    public ValueTask BeginWorkAsync(string title, bool cancellable, string? message = null, int? percentage = null) => throw new NotImplementedException();
    public ValueTask ReportWorkAsync(string? message, int? percentage = null) => throw new NotImplementedException();
    public ValueTask EndWorkAsync(string? message = null) => throw new NotImplementedException();
}

/// <summary>An error with a JSON-RPC code, turned into an error response.</summary>
public class RpcException(int code, string message, JsonElement? data = null) : Exception(message)
{
    public int Code { get; } = code;
    public JsonElement? Data { get; } = data;
}

/// <summary>Every pending outbound request fails with this when the connection closes.</summary>
public sealed class RpcConnectionLostException(string message) : Exception(message);

/// <summary>The standard and LSP error codes.</summary>
public static class RpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestCancelled = -32800;
    public const int RequestFailed = -32803;
}
