using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;
using VenvDoctor.JsonRpc.Framing;

namespace VenvDoctor.JsonRpc;

/// <summary>
/// One server connection: StreamJsonRpc over our LSP message handler, with targets registered the AOT-safe way
/// (<see cref="RpcTargetMetadata.FromShape{T}"/>), and the server-to-client half (<see cref="IRpcPeer"/>).
/// </summary>
public sealed class RpcServerConnection : IRpcPeer, IDisposable
{
    private readonly LspMessageHandler handler;
    private readonly LspJsonRpc rpc;
    private readonly ILogger logger;
    private readonly SortedSet<string> methods = new(StringComparer.Ordinal);
    private DisconnectedReason? disconnected;

    public RpcServerConnection(Stream input, Stream output, JsonSerializerOptions serializerOptions, RpcConnectionOptions? options = null, ILogger? logger = null)
    {
        this.logger = logger ?? NullLogger.Instance;
        handler = new LspMessageHandler(output, input, CreateFormatter(serializerOptions), options ?? new RpcConnectionOptions(), this.logger);
        rpc = new LspJsonRpc(handler, this.logger)
        {
            // Handlers start one at a time in arrival order; each hands its work to the RequestQueue at once.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        rpc.Disconnected += (_, e) =>
        {
            disconnected = e.Reason;
            DisconnectDescription = e.Exception is { } ex ? $"{e.Description} ({ex.GetType().Name}: {ex.Message})" : e.Description;
            if (e.Reason is not (DisconnectedReason.LocallyDisposed or DisconnectedReason.RemotePartyTerminated))
                this.logger.LogWarning("JSON-RPC connection closed: {Reason}: {Description}", e.Reason, DisconnectDescription);
        };
    }

    /// <summary>Every method registered so far, sorted (for <c>initialize</c>'s capabilities).</summary>
    public IReadOnlyCollection<string> Methods => methods;

    /// <summary>Completes when the connection is over (end of input, a fatal frame, disposal).</summary>
    public Task Completion => rpc.Completion;

    /// <summary>Why it stopped; null while it runs.</summary>
    public ConnectionCloseReason? CloseReason => handler.CloseReason ?? disconnected switch
    {
        null => null,
        DisconnectedReason.LocallyDisposed => ConnectionCloseReason.Stopped,
        DisconnectedReason.RemotePartyTerminated => ConnectionCloseReason.EndOfInput,
        _ => ConnectionCloseReason.OutputFailed,
    };

    /// <summary>What the library said when the connection closed, for logs and test failures.</summary>
    public string? DisconnectDescription { get; private set; }

    /// <summary>Adds a target; <paramref name="metadata"/> comes from <c>RpcTargetMetadata.FromShape&lt;IContract&gt;()</c>.</summary>
    public void AddTarget(RpcTargetMetadata metadata, object target)
    {
        foreach (var name in metadata.Methods.Keys)
            if (!methods.Add(name)) throw new InvalidOperationException($"JSON-RPC method '{name}' is registered twice.");
        rpc.AddLocalRpcTarget(metadata, target, null);
    }

    public void StartListening() => rpc.StartListening();

    /// <summary>On <c>exit</c>: waits, at most <paramref name="limit"/>, until every request received has been answered.</summary>
    public Task DrainAsync(TimeSpan limit) => handler.WaitForAnswersAsync(limit);

    public async ValueTask NotifyAsync<TParams>(string method, TParams @params, JsonTypeInfo<TParams> paramsInfo, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (args, types) = NamedArguments(JsonSerializer.SerializeToElement(@params, paramsInfo));
        try
        {
            await rpc.NotifyWithParameterObjectAsync(method, args, types).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException)
        {
            logger.LogDebug("Connection closed; notification '{Method}' dropped", method);
        }
    }

    public async Task<TResult> RequestAsync<TParams, TResult>(string method, TParams @params, JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo, CancellationToken cancellationToken = default)
    {
        var (args, types) = NamedArguments(JsonSerializer.SerializeToElement(@params, paramsInfo));
        JsonElement result;
        try
        {
            result = await rpc.InvokeWithParameterObjectAsync<JsonElement>(method, args, types, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteMethodNotFoundException ex)
        {
            throw new RpcException((int)ex.ErrorCode, $"'{method}' failed: {ex.Message}");
        }
        catch (RemoteInvocationException ex)
        {
            throw new RpcException(ex.ErrorCode, $"'{method}' failed: {ex.Message}");
        }
        catch (ConnectionLostException ex)
        {
            throw new RpcConnectionLostException(ex.Message);
        }
        try
        {
            return result.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? default! : result.Deserialize(resultInfo)!;
        }
        catch (JsonException ex)
        {
            throw new RpcException(RpcErrorCodes.InvalidParams, $"'{method}' answered with an unexpected result: {ex.Message}");
        }
    }

    /// <summary>
    /// LSP wants <c>params</c> as an object; the library's <c>NotifyAsync(name, obj)</c> sends an array. Named
    /// arguments of declared type <see cref="JsonElement"/> are written as an object by the source-generated context.
    /// </summary>
    private static (Dictionary<string, object?> Args, Dictionary<string, Type> Types) NamedArguments(JsonElement value)
    {
        var args = new Dictionary<string, object?>(StringComparer.Ordinal);
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                args[property.Name] = property.Value;
                types[property.Name] = typeof(JsonElement);
            }
        }
        return (args, types);
    }

    /// <summary>
    /// The formatter is marked as needing reflection because it can fall back to it; with options whose resolver is
    /// only source-generated contexts (and reflection off by default: JsonSerializerIsReflectionEnabledByDefault) it
    /// never does, which is how the library's own NativeAOT sample uses it.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Serializer options resolve types from source-generated contexts only.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Serializer options resolve types from source-generated contexts only.")]
    private static SystemTextJsonFormatter CreateFormatter(JsonSerializerOptions options) => new() { JsonSerializerOptions = options };

    public void Dispose() => rpc.Dispose();
}
