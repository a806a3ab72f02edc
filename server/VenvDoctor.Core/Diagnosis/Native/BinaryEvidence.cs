namespace VenvDoctor.Core.Diagnosis.Native;

/// <summary>
/// Finding data for compiled files, the same keys in every native rule: <c>modules</c> (paths relative to the
/// environment, one per line, at most <see cref="MaxListed"/>), <c>count</c> (all of them), <c>file</c> (the first, full
/// path: the evidence key every finding has), and <c>distribution</c>/<c>distributions</c>.
/// </summary>
public static class BinaryEvidence
{
    public const int MaxListed = 50;

    /// <summary>Bad files grouped by the distribution that installed them ("unknown" last), in file order.</summary>
    public static IEnumerable<IGrouping<string, T>> ByDistribution<T>(NativeBinaries native, IEnumerable<T> bad, Func<T, string> pathOf) =>
        bad.GroupBy(b => native.OwnerName(pathOf(b)), StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key == NativeBinaries.Unknown ? 1 : 0);

    /// <summary><c>modules</c>, <c>count</c>, <c>file</c>, and a parallel per-line list (tags, formats) under <paramref name="detailKey"/> when given.</summary>
    public static Dictionary<string, string> Of(NativeBinaries native, IReadOnlyList<(string Path, string Detail)> files, string? detailKey)
    {
        var listed = files.Take(MaxListed).ToList();
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["file"] = files[0].Path,
            ["modules"] = string.Join('\n', listed.Select(f => native.Relative(f.Path))),
            ["count"] = Evidence.Count(files.Count),
        };
        if (detailKey is not null) data[detailKey] = string.Join('\n', listed.Select(f => f.Detail));
        return data;
    }

    /// <summary>"3 compiled modules" / "the compiled module x.so": for messages.</summary>
    public static string Describe(NativeBinaries native, IReadOnlyList<(string Path, string Detail)> files, string noun = "compiled module") =>
        files.Count == 1 ? $"the {noun} {native.Relative(files[0].Path)}" : $"{files.Count} {noun}s (first: {native.Relative(files[0].Path)})";

    /// <summary>"of numpy" or "that no installed distribution records".</summary>
    public static string Whose(string distribution) =>
        distribution == NativeBinaries.Unknown ? "that no installed distribution's RECORD lists" : $"of {distribution}";

    public static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
