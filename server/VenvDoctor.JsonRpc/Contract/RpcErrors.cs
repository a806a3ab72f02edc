namespace VenvDoctor.JsonRpc;

/// <summary>An error with a JSON-RPC code, turned into an error response (code and message, see LspJsonRpc).</summary>
public class RpcException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}

/// <summary>Every pending outbound request fails with this when the connection closes.</summary>
public sealed class RpcConnectionLostException(string message) : Exception(message)
{
    public RpcConnectionLostException() : this("connection lost") { }
}

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
