using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using VenvDoctor.JsonRpc.Framing;

namespace VenvDoctor.JsonRpc;

/// <summary>
/// StreamJsonRpc's connection, answering handler failures the LSP way: the codes of docs/protocol.md §1.3 and a
/// one-line message, never the library's default of a .NET exception type and stack trace in <c>data</c>. It also
/// tells the message handler when an answer has been sent (flushed): the library's own record of its dispatches
/// is what says an answer is still owed (see <see cref="LspMessageHandler.WaitForAnswersAsync"/>).
/// </summary>
internal sealed class LspJsonRpc(LspMessageHandler handler, ILogger logger) : StreamJsonRpc.JsonRpc(handler)
{
    protected override void OnResponseSent(JsonRpcMessage response)
    {
        base.OnResponseSent(response);
        handler.AnswerSent((IJsonRpcMessageWithId)response);
    }

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
