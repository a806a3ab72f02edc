using System.Text.Json.Serialization.Metadata;

namespace VenvDoctor.JsonRpc;

/// <summary>The other end of the connection: notifications and requests from server to client.</summary>
public interface IRpcPeer
{
    /// <summary>Queues a notification. After the connection has closed it is dropped (there is nobody to tell).</summary>
    ValueTask NotifyAsync<TParams>(string method, TParams @params, JsonTypeInfo<TParams> paramsInfo, CancellationToken cancellationToken = default);

    /// <summary>Sends a request and awaits its response. Fails with <see cref="RpcConnectionLostException"/> on disconnect.</summary>
    Task<TResult> RequestAsync<TParams, TResult>(string method, TParams @params, JsonTypeInfo<TParams> paramsInfo, JsonTypeInfo<TResult> resultInfo, CancellationToken cancellationToken = default);
}
