using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VenvDoctor.Core.Model;
using VenvDoctor.Sidecar.Protocol;

namespace VenvDoctor.Sidecar.Tests.Contract;

/// <summary>
/// docs/protocol.md, the server's wire types and the extension's protocol.ts are one contract. The golden samples
/// (tests/contract/samples, one file per message) tie them: here each is read and written back by the server's
/// source-generated serializers unchanged and has the shape the doc's §7 gives; the extension's unit tests
/// (extension/src/test/unit/contract) type-check each against protocol.ts. The names (methods, notifications, finding
/// codes, actions) are compared between Core, the doc and protocol.ts. A failure says which side is out of step.
/// </summary>
public sealed partial class WireContractTests
{
    private static readonly ProtocolDoc Doc = ProtocolDoc.Load();

    public static TheoryData<string> SampleFiles => new(ContractFiles.Samples.Select(s => s.File));

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_is_read_and_written_back_unchanged_by_the_server(string file)
    {
        var sample = ContractFiles.Sample(file);
        var message = ServerContract.Messages.SingleOrDefault(m => m.Name == sample.Method)
            ?? throw new Xunit.Sdk.XunitException($"{file}: the server declares no method or notification '{sample.Method}' (Protocol/Methods, Protocol/ServerNotifications)");
        var problems = new List<string>();
        problems.AddRange(RoundTrip(message.Params, sample.Params, $"{file} params"));
        if (message.Kind == "request")
        {
            if (!sample.HasResult) problems.Add($"{file}: a request's sample needs a \"result\"");
            else problems.AddRange(RoundTrip(message.Result, sample.Result, $"{file} result"));
        }
        else if (sample.HasResult) problems.Add($"{file}: {sample.Method} is a {message.Kind}, so its sample has no \"result\"");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_has_the_shape_the_doc_gives(string file)
    {
        var sample = ContractFiles.Sample(file);
        var row = Doc.Methods.SingleOrDefault(m => m.Name == sample.Method)
            ?? throw new Xunit.Sdk.XunitException($"{file}: docs/protocol.md §7 'Every method and notification' has no row for '{sample.Method}'");
        var problems = Doc.Mismatches(row.Params, sample.Params, $"{file} params").ToList();
        if (row.Result.Length > 0) problems.AddRange(Doc.Mismatches(row.Result, sample.Result, $"{file} result"));
        Assert.True(problems.Count == 0, $"{string.Join("\n", problems)}\n(the doc: params {row.Params}, result {row.Result})");
    }

    [Fact]
    public void Every_type_of_the_doc_is_shown_by_some_sample()
    {
        var seen = new HashSet<string>();
        foreach (var sample in ContractFiles.Samples)
            if (Doc.Methods.SingleOrDefault(m => m.Name == sample.Method) is { } row)
            {
                _ = Doc.Mismatches(row.Params, sample.Params, sample.File, seen).ToList();
                if (row.Result.Length > 0) _ = Doc.Mismatches(row.Result, sample.Result, sample.File, seen).ToList();
            }
        var unseen = Doc.Types.Keys.Except(seen).Order().ToList();
        Assert.True(unseen.Count == 0, $"No sample in tests/contract/samples shows a {string.Join(", a ", unseen)} (one with a value, not an empty list or null)");
    }

    [Fact]
    public void Doc_server_and_samples_name_the_same_methods_and_notifications()
    {
        var server = ServerContract.Messages.Select(m => m.Name).ToList();
        var attributes = ServerContract.Messages.Where(m => m.Kind != "server notification").Select(m => m.Name);
        var problems = new List<string>();
        problems.AddRange(Differences("method", Doc.Methods.Select(m => m.Name), "docs/protocol.md §7", server, "the server's Protocol/"));
        problems.AddRange(Differences("method", ServerContract.DeclaredNames, "Protocol/Methods", attributes, "the [JsonRpcMethod] contracts"));
        problems.AddRange(Differences("method", server, "the server", ContractFiles.Samples.Select(s => s.Method), "tests/contract/samples"));
        foreach (var row in Doc.Methods)
            if (ServerContract.Messages.FirstOrDefault(m => m.Name == row.Name) is { } m && m.Kind != row.Kind)
                problems.Add($"{row.Name}: docs/protocol.md §7 says {row.Kind}, the server declares a {m.Kind}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Finding_codes_and_repair_actions_are_the_same_in_Core_the_doc_and_protocol_ts()
    {
        var protocolTs = File.ReadAllText(Path.Combine(ContractFiles.RepoRoot, "extension", "src", "sidecar", "protocol.ts"));
        var codes = ServerContract.Constants(typeof(FindingCodes));
        var actions = ServerContract.Constants(typeof(RepairActions));
        var problems = new List<string>();
        problems.AddRange(Differences("finding code", codes, "Core (FindingCodes)", Doc.FindingCodes, "docs/protocol.md §3 'Finding codes'"));
        problems.AddRange(Differences("finding code", codes, "Core (FindingCodes)", TsConstants(protocolTs, "FindingCodes"), "protocol.ts FindingCodes"));
        problems.AddRange(Differences("action", actions, "Core (RepairActions)", Doc.SuggestionActions, "docs/protocol.md §3 'Suggestion actions'"));
        problems.AddRange(Differences("action", actions, "Core (RepairActions)", Doc.RepairActions, "docs/protocol.md §6 'Actions'"));
        problems.AddRange(Differences("action", actions, "Core (RepairActions)", TsConstants(protocolTs, "RepairActions"), "protocol.ts RepairActions"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Reads the JSON with the server's serializers as the type the contract names, writes it back, and says where it differs.</summary>
    private static IEnumerable<string> RoundTrip(Type? type, JsonNode? sample, string what)
    {
        if (type is null)
            return sample is null ? [] : [$"{what}: the server takes none, the sample has {sample.ToJsonString()}"];
        var info = WireContexts.Options.GetTypeInfo(type); // throws when no source-generated context declares it
        var read = JsonSerializer.Deserialize(sample?.ToJsonString() ?? "null", info);
        var written = JsonNode.Parse(JsonSerializer.Serialize(read, info));
        return JsonDifferences(sample, written, what).Select(d => $"{d}  (server type {type.Name})");
    }

    private static IEnumerable<string> JsonDifferences(JsonNode? expected, JsonNode? actual, string at)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Except(a.Select(p => p.Key)))
                    yield return $"{at}.{key}: in the sample, the server does not write it (no such member, or not read)";
                foreach (var key in a.Select(p => p.Key).Except(e.Select(p => p.Key)))
                    yield return $"{at}.{key}: the server writes it ({a[key]?.ToJsonString() ?? "null"}), the sample does not have it";
                foreach (var key in e.Select(p => p.Key).Intersect(a.Select(p => p.Key)))
                    foreach (var d in JsonDifferences(e[key], a[key], $"{at}.{key}")) yield return d;
                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                    foreach (var d in JsonDifferences(e[i], a[i], $"{at}[{i}]")) yield return d;
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                    yield return $"{at}: the sample has {expected?.ToJsonString() ?? "null"}, the server writes {actual?.ToJsonString() ?? "null"}";
                break;
        }
    }

    private static IEnumerable<string> Differences(string what, IEnumerable<string> left, string leftName, IEnumerable<string> right, string rightName)
    {
        var l = left.ToHashSet();
        var r = right.ToHashSet();
        foreach (var name in l.Except(r).Order()) yield return $"{what} '{name}': in {leftName}, not in {rightName}";
        foreach (var name in r.Except(l).Order()) yield return $"{what} '{name}': in {rightName}, not in {leftName}";
    }

    /// <summary>The string values of <c>export const NAME = { key: 'value', ... }</c> in protocol.ts.</summary>
    private static IEnumerable<string> TsConstants(string source, string name)
    {
        var block = Regex.Match(source, $@"export const {name} = \{{(?<body>[^}}]*)\}}");
        Assert.True(block.Success, $"protocol.ts has no 'export const {name} = {{ ... }}'");
        return TsString().Matches(block.Groups["body"].Value).Select(m => m.Groups["value"].Value);
    }

    [GeneratedRegex(@":\s*'(?<value>[^']*)'")]
    private static partial Regex TsString();
}
