using VenvDoctor.JsonRpc;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary>
/// A group of wire methods: implements one contract interface and registers it with
/// <c>RpcTargetMetadata.FromShape&lt;IContract&gt;()</c> (AOT-safe, no reflection). Thin: maps wire types to a service
/// call and back. Registered in DI in <see cref="Hosting.ServiceRegistration"/>, one line each.
/// </summary>
public interface IRpcHandler
{
    void Register(RpcServerConnection connection);
}
