using System.Text.Json;

namespace VenvDoctor.JsonRpc;

/// <summary>An error with a JSON-RPC code, turned into an error response.</summary>
public class RpcException(int code, string message, JsonElement? data = null) : Exception(message)
{
    public int Code { get; } = code;
    /// <summary>The error's <c>data</c> member (hides Exception.Data, which is an untyped dictionary).</summary>
    public new JsonElement? Data { get; } = data;
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
