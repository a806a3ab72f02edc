using System.Text.Json.Nodes;

namespace VenvDoctor.Sidecar.Tests.Contract;

/// <summary>
/// One golden message (tests/contract/samples/*.json): <c>method</c>, and its <c>params</c> and (for a request)
/// <c>result</c>. A sample names every member of its types, optional ones included, so that each side is held to all of them.
/// </summary>
public sealed record ContractSample(string File, string Method, JsonNode? Params, bool HasResult, JsonNode? Result);

public static class ContractFiles
{
    /// <summary>The checkout: the folder above the test binaries that holds Sidecar.sln.</summary>
    public static string RepoRoot { get; } = FindRoot();

    public static string SamplesFolder => Path.Combine(RepoRoot, "tests", "contract", "samples");

    public static IReadOnlyList<ContractSample> Samples { get; } = Directory.GetFiles(SamplesFolder, "*.json").Order(StringComparer.Ordinal).Select(Read).ToList();

    public static ContractSample Sample(string file) => Samples.Single(s => s.File == file);

    private static ContractSample Read(string path)
    {
        var name = Path.GetFileName(path);
        var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{name}: not a JSON object");
        var method = root["method"]?.GetValue<string>() ?? throw new InvalidDataException($"{name}: no \"method\"");
        var unknown = root.Select(p => p.Key).Except(["method", "params", "result"]).ToList();
        if (unknown.Count > 0) throw new InvalidDataException($"{name}: unknown member(s) {string.Join(", ", unknown)} (a sample has method, params, result)");
        return new ContractSample(name, method, root["params"]?.DeepClone(), root.ContainsKey("result"), root["result"]?.DeepClone());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sidecar.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Sidecar.sln above {AppContext.BaseDirectory}");
    }
}
