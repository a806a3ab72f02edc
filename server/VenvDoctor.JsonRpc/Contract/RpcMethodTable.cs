using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VenvDoctor.JsonRpc.Dispatch;

namespace VenvDoctor.JsonRpc;

/// <summary>The table of methods a server answers. Filled before the connection listens.</summary>
public sealed class RpcMethodTable
{
    private readonly Dictionary<string, RpcMethod> methods = new(StringComparer.Ordinal);

    /// <summary>The registered method names, for <c>initialize</c>'s capabilities and for diagnostics.</summary>
    public IReadOnlyCollection<string> Methods => methods.Keys;

    public bool Contains(string method) => methods.ContainsKey(method);

    public RpcMethodTable AddRequest<TParams, TResult>(string method, JsonTypeInfo<TParams> paramsInfo, JsonTypeInfo<TResult> resultInfo,
        RequestHandler<TParams, TResult> handler, MethodOptions options = MethodOptions.None)
    {
        ArgumentNullException.ThrowIfNull(paramsInfo);
        ArgumentNullException.ThrowIfNull(resultInfo);
        ArgumentNullException.ThrowIfNull(handler);
        Add(new RpcMethod(method, options, IsNotification: false, async (element, context, ct) =>
        {
            var args = ParamsBinder.Bind(element, paramsInfo);
            var result = await handler(args, context, ct).ConfigureAwait(false);
            return writer => ResultWriter.Write(writer, result, resultInfo);
        }));
        return this;
    }

    public RpcMethodTable AddNotification<TParams>(string method, JsonTypeInfo<TParams> paramsInfo,
        NotificationHandler<TParams> handler, MethodOptions options = MethodOptions.None)
    {
        ArgumentNullException.ThrowIfNull(paramsInfo);
        ArgumentNullException.ThrowIfNull(handler);
        Add(new RpcMethod(method, options, IsNotification: true, async (element, _, ct) =>
        {
            var args = ParamsBinder.Bind(element, paramsInfo);
            await handler(args, ct).ConfigureAwait(false);
            return null;
        }));
        return this;
    }

    internal bool TryGet(string method, out RpcMethod entry) => methods.TryGetValue(method, out entry!);

    private void Add(RpcMethod entry)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.Name);
        // Two handlers for one name is a wiring mistake: say so at start-up rather than answer with the wrong one.
        if (!methods.TryAdd(entry.Name, entry))
            throw new InvalidOperationException($"JSON-RPC method '{entry.Name}' is registered twice.");
    }
}

/// <summary>One registered method: binds params, runs the handler, hands back how to write the result.</summary>
internal sealed record RpcMethod(string Name, MethodOptions Options, bool IsNotification,
    Func<JsonElement?, RequestContext, CancellationToken, ValueTask<Action<Utf8JsonWriter>?>> Invoke)
{
    public bool ChangesState => (Options & MethodOptions.ChangesState) != 0;
    public bool AllowedBeforeInitialize => (Options & MethodOptions.AllowedBeforeInitialize) != 0;
    public bool RunsInline => (Options & MethodOptions.RunsInline) != 0;
}
