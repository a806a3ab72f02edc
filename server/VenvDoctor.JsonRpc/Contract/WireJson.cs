using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VenvDoctor.JsonRpc;

/// <summary>
/// One set of serializer options over several source-generated contexts, for the formatter (which takes one).
/// Each context keeps its own rule for nulls: the sidecar's message types write every null (clients rely on the keys:
/// the one null rule of docs/protocol.md §3), while this layer's own <see cref="RpcJsonContext"/> (error data, ids)
/// leaves them out, as JSON-RPC's optional members are. That rule is not part of the generated metadata, so it is
/// restored here per type, from the context that declared it. No reflection: everything comes from the generated
/// contexts.
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Combine(params JsonSerializerContext[] contexts)
    {
        JsonSerializerContext[] all = [RpcJsonContext.Default, .. contexts];
        var resolver = JsonTypeInfoResolver.Combine(all).WithAddedModifier(info =>
        {
            if (info.Kind != JsonTypeInfoKind.Object) return;
            var owner = all.FirstOrDefault(c => c.GetTypeInfo(info.Type) is not null);
            if (owner?.Options.DefaultIgnoreCondition != JsonIgnoreCondition.WhenWritingNull) return;
            foreach (var property in info.Properties)
                property.ShouldSerialize ??= static (_, value) => value is not null;
        });
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            TypeInfoResolver = resolver,
        };
        options.MakeReadOnly();
        return options;
    }
}
