using System.Text.Json;
using System.Text.Json.Serialization;
using PolyType;
using StreamJsonRpc;

namespace VenvDoctor.JsonRpc.Tests.Support;

public sealed class SleepParams
{
    public int Ms { get; init; }
    public string? Tag { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SleepParams))]
[JsonSerializable(typeof(List<string>))]
public sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>A small server for the transport tests: lifecycle, a slow cancellable method, ordered work, a failure.</summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface ITestMethods
{
    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    Task<JsonElement> InitializeAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("shutdown", UseSingleObjectParameterDeserialization = true)]
    Task ShutdownAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("test/echo", UseSingleObjectParameterDeserialization = true)]
    Task<JsonElement> EchoAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("test/sleep", UseSingleObjectParameterDeserialization = true)]
    Task<string?> SleepAsync(SleepParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("test/sleepInOrder", UseSingleObjectParameterDeserialization = true)]
    Task<List<string>> SleepInOrderAsync(SleepParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod("test/fail", UseSingleObjectParameterDeserialization = true)]
    Task<JsonElement> FailAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default);
}

public sealed class TestMethods(ServerLifecycle lifecycle, RequestQueue queue) : ITestMethods
{
    private readonly List<string> finished = [];

    public Task<JsonElement> InitializeAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ChangeAsync(async () =>
        {
            await Task.Delay(50, cancellationToken); // slow enough that pipelined messages arrive while it runs
            lifecycle.TryMarkInitialized();
            return JsonDocument.Parse("""{"capabilities":{}}""").RootElement;
        });

    public Task ShutdownAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ChangeAsync(lifecycle.MarkShutdown);

    public Task<JsonElement> EchoAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(() => Task.FromResult(parameters?.Clone() ?? default));

    public Task<string?> SleepAsync(SleepParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync(async () =>
        {
            await Task.Delay(parameters?.Ms ?? 0, cancellationToken);
            return parameters?.Tag;
        });

    public Task<List<string>> SleepInOrderAsync(SleepParams? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ChangeAsync(async () =>
        {
            await Task.Delay(parameters?.Ms ?? 0, cancellationToken);
            lock (finished)
            {
                finished.Add(parameters?.Tag ?? "");
                return finished.ToList();
            }
        });

    public Task<JsonElement> FailAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default) =>
        queue.ReadAsync<JsonElement>(() => throw new InvalidOperationException("on purpose"));
}
