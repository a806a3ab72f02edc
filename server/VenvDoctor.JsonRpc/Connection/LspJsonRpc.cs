using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace VenvDoctor.JsonRpc;

/// <summary>
/// StreamJsonRpc's connection, answering handler failures the LSP way: the codes of docs/protocol.md §1.3 and a
/// one-line message, never the library's default of a .NET exception type and stack trace in <c>data</c>.
/// </summary>
internal sealed class LspJsonRpc(IJsonRpcMessageHandler handler, ILogger logger) : StreamJsonRpc.JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var e = Unwrap(exception);
        var (code, message) = e switch
        {
            RpcException rpc => (rpc.Code, rpc.Message),
            OperationCanceledException => (RpcErrorCodes.RequestCancelled, "Request cancelled"),
            RpcArgumentDeserializationException or JsonException => (RpcErrorCodes.InvalidParams, $"Invalid params: {e.Message}"),
            _ => (RpcErrorCodes.InternalError, $"Internal error in '{request.Method}': {e.Message}"),
        };
        if (code == RpcErrorCodes.InternalError) logger.LogError(e, "Handler for '{Method}' failed", request.Method);
        return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = message };
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or AggregateException && e.InnerException is { } inner) e = inner;
        return e;
    }
}
