using System.Text.Json;
using System.Text.Json.Serialization;

using VenvDoctor.JsonRpc;

namespace VenvDoctor.Sidecar.TestHost;

// Wire shapes of the test-only methods (see TestHooksHandler.cs). Never part of the product protocol.

public sealed class SleepParams
{
    public int Ms { get; init; }
}

public sealed record SleepResult(int Slept);

public sealed class FailParams
{
    public string Message { get; init; } = "test failure";
}

public sealed class AskClientParams
{
    public string Method { get; init; } = "";
    public JsonElement? Params { get; init; }
}

public sealed class TestProgressParams : IProgressParams
{
    public int Steps { get; init; } = 3;
    public JsonElement? WorkDoneToken { get; init; }
    public JsonElement? PartialResultToken { get; init; }
}

public sealed class LogParams
{
    public string Level { get; init; } = "Information";
    public string Message { get; init; } = "";
}

public sealed record SessionSnapshot(
    IReadOnlyList<string> WorkspaceRoots, int? MaxDepth, IReadOnlyList<string> ExcludeGlobs,
    IReadOnlyList<string> ExtraSearchFolders, bool Watch, string Trace, string? ClientName, bool Initialized);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SleepParams))]
[JsonSerializable(typeof(SleepResult))]
[JsonSerializable(typeof(FailParams))]
[JsonSerializable(typeof(AskClientParams))]
[JsonSerializable(typeof(TestProgressParams))]
[JsonSerializable(typeof(LogParams))]
[JsonSerializable(typeof(SessionSnapshot))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class TestHooksJsonContext : JsonSerializerContext;
