using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VenvDoctor.Sidecar.Tests.Contract;

/// <summary>
/// What docs/protocol.md says, read from its tables: §7's methods and types (in the notation §7 explains), the finding
/// codes (§3) and the repair actions (§3 "Suggestion actions", §6 "Actions"). A table is the rows under a heading up to
/// the next blank line; its first column is a name in backticks.
/// </summary>
public sealed partial class ProtocolDoc
{
    public sealed record MethodRow(string Name, string Kind, string Params, string Result);

    public IReadOnlyList<MethodRow> Methods { get; }
    public IReadOnlyDictionary<string, string> Types { get; }
    public IReadOnlyList<string> FindingCodes { get; }
    public IReadOnlyList<string> SuggestionActions { get; }
    public IReadOnlyList<string> RepairActions { get; }

    private ProtocolDoc(string text)
    {
        Methods = Table(text, "### Every method and notification").Select(r => new MethodRow(Name(r[0]), r[1], Code(r[2]), Code(r[3]))).ToList();
        Types = Table(text, "### Every type").ToDictionary(r => Name(r[0]), r => Code(r[1]));
        FindingCodes = Table(text, "### Finding codes").Select(r => Name(r[0])).ToList();
        SuggestionActions = Table(text, "### Suggestion actions").Select(r => Name(r[0])).ToList();
        RepairActions = Table(text, "### Actions (`action`)").Select(r => Name(r[0])).ToList();
    }

    public static ProtocolDoc Load() => new(File.ReadAllText(Path.Combine(ContractFiles.RepoRoot, "docs", "protocol.md")));

    /// <summary>The rows (cells, unescaped) of the table under <paramref name="heading"/>, header and rule left out.</summary>
    private static List<string[]> Table(string text, string heading)
    {
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == heading);
        if (start < 0) throw new InvalidOperationException($"docs/protocol.md has no heading '{heading}'");
        var rows = lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2);
        return rows.Select(r => CellSplit().Split(r.Trim().Trim('|')).Select(c => c.Replace("\\|", "|").Trim()).ToArray()).ToList();
    }

    private static string Name(string cell) => cell.Trim('`');

    private static string Code(string cell) => cell.Trim().Trim('`');

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSplit();

    /// <summary>
    /// Where <paramref name="value"/> does not have the shape the doc gives (<paramref name="type"/>, §7's notation), one
    /// line each, naming the path inside the message. Every member the doc lists must be in the sample (a sample shows
    /// them all, optional ones included) and nothing else. <paramref name="seen"/> collects the named types met.
    /// </summary>
    public IEnumerable<string> Mismatches(string type, JsonNode? value, string at, ISet<string>? seen = null) =>
        new Checker(this, seen ?? new HashSet<string>()).Check(DocType.Parse(type), value, at);

    private sealed class Checker(ProtocolDoc doc, ISet<string> seen)
    {
        public IEnumerable<string> Check(DocType type, JsonNode? value, string at)
        {
            switch (type)
            {
                case DocType.Union u:
                    var tries = u.Choices.Select(c => Check(c, value, at).ToList()).ToList();
                    return tries.Any(t => t.Count == 0) ? [] : tries.OrderBy(t => t.Count).First();
                case DocType.Named { Name: "any" }:
                    return [];
                case DocType.Named { Name: "none" or "null" }:
                    return value is null ? [] : [$"{at}: the doc says null, the sample has {Kind(value)}"];
                case DocType.Named { Name: "string" or "number" or "boolean" } n:
                    return Kind(value) == n.Name ? [] : [$"{at}: the doc says {n.Name}, the sample has {Kind(value)}"];
                case DocType.Named { Name: "map" }:
                    return value is JsonObject map && map.All(p => p.Value is JsonValue v && Kind(v) == "string") ? [] : [$"{at}: the doc says map (string → string), the sample has {Kind(value)}"];
                case DocType.Named n:
                    if (value is not null) seen.Add(n.Name);
                    return doc.Types.TryGetValue(n.Name, out var body) ? Check(DocType.ParseFields(body), value, at) : [$"{at}: type {n.Name} is not in docs/protocol.md §7 'Every type'"];
                case DocType.ListOf l:
                    if (value is not JsonArray array) return [$"{at}: the doc says a list, the sample has {Kind(value)}"];
                    return array.SelectMany((e, i) => Check(l.Element, e, $"{at}[{i}]"));
                case DocType.Object o:
                    if (value is not JsonObject obj) return [$"{at}: the doc says an object, the sample has {Kind(value)}"];
                    var missing = o.Fields.Where(f => !obj.ContainsKey(f.Name)).Select(f => $"{at}.{f.Name}: in the doc, missing from the sample");
                    var extra = obj.Where(p => o.Fields.All(f => f.Name != p.Key)).Select(p => $"{at}.{p.Key}: in the sample, not in the doc");
                    var inner = o.Fields.Where(f => obj.ContainsKey(f.Name)).SelectMany(f => Check(f.Type, obj[f.Name], $"{at}.{f.Name}"));
                    return missing.Concat(extra).Concat(inner).ToList();
                default:
                    throw new InvalidOperationException(type.ToString());
            }
        }
    }

    private static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            var k => k.ToString(),
        },
        _ => value.GetType().Name,
    };
}
