using System.Text.Json;
using System.Text.Json.Serialization;

namespace VenvDoctor.JsonRpc.Tests.Support;

public sealed record EchoParams(string Text);

public sealed record NumberParams(int Value);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EchoParams))]
[JsonSerializable(typeof(NumberParams))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>A small method table most tests share: echo, add-one, throwing handlers.</summary>
public static class TestMethods
{
    public static RpcMethodTable Basic() => new RpcMethodTable()
        .AddRequest("echo", TestJsonContext.Default.EchoParams, TestJsonContext.Default.String,
            (p, _, _) => ValueTask.FromResult(p.Text))
        .AddRequest("inc", TestJsonContext.Default.NumberParams, TestJsonContext.Default.Int32,
            (p, _, _) => ValueTask.FromResult(p.Value + 1))
        .AddRequest<JsonElement, int>("boom", TestJsonContext.Default.JsonElement, TestJsonContext.Default.Int32,
            (_, _, _) => throw new InvalidOperationException("kaboom"))
        .AddRequest<JsonElement, int>("refuse", TestJsonContext.Default.JsonElement, TestJsonContext.Default.Int32,
            (_, _, _) => throw new RpcException(RpcErrorCodes.RequestFailed, "no, thanks", JsonDocument.Parse("""{"why":"test"}""").RootElement));
}
