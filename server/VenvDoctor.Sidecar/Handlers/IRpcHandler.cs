using VenvDoctor.JsonRpc;

namespace VenvDoctor.Sidecar.Handlers;

/// <summary>
/// A group of wire methods. Thin: maps wire types to a service call and back. Registered in DI in
/// <see cref="Hosting.ServiceRegistration"/>, one line each.
/// </summary>
public interface IRpcHandler
{
    void Register(RpcMethodTable methods);
}

/// <summary>A handler that registers after all others, and only for methods nobody else took.</summary>
public interface IFallbackRpcHandler : IRpcHandler;
