using System.Reflection;
using StreamJsonRpc;
using VenvDoctor.Sidecar.Protocol;

namespace VenvDoctor.Sidecar.Tests.Contract;

/// <summary>
/// What the server declares, found by reflection over its Protocol/ (this is a test; the product registers its
/// contracts from source-generated shapes): every <c>[JsonRpcMethod]</c> of the contract interfaces and every
/// <see cref="ServerNotifications"/> entry, each with its params and result types.
/// </summary>
public static class ServerContract
{
    /// <summary>Kind as docs/protocol.md §7 writes it: request, notification (client → server), server notification.</summary>
    public sealed record Message(string Name, string Kind, Type? Params, Type? Result);

    public static IReadOnlyList<Message> Messages { get; } = [.. ClientMessages(), .. ServerMessages()];

    /// <summary>The constants of <see cref="Protocol.Methods"/>.</summary>
    public static IReadOnlyList<string> DeclaredNames { get; } = Constants(typeof(Methods));

    public static IReadOnlyList<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();

    private static IEnumerable<Message> ClientMessages() =>
        from contract in typeof(Methods).Assembly.GetTypes()
        where contract.IsInterface && contract.Namespace?.StartsWith(typeof(Methods).Namespace!, StringComparison.Ordinal) == true
        from method in contract.GetMethods()
        let attribute = method.GetCustomAttribute<JsonRpcMethodAttribute>()
        where attribute?.Name is not null
        select new Message(attribute.Name!, method.ReturnType == typeof(void) ? "notification" : "request",
            method.GetParameters().FirstOrDefault(p => p.ParameterType != typeof(CancellationToken))?.ParameterType,
            method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null);

    private static IEnumerable<Message> ServerMessages() =>
        from field in typeof(ServerNotifications).GetFields(BindingFlags.Public | BindingFlags.Static)
        where field.FieldType.IsGenericType && field.FieldType.GetGenericTypeDefinition() == typeof(ServerNotification<>)
        let name = (string)field.FieldType.GetProperty(nameof(ServerNotification<object>.Method))!.GetValue(field.GetValue(null))!
        select new Message(name, "server notification", field.FieldType.GetGenericArguments()[0], null);
}
