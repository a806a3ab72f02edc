using System.Text.Json;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Repair.Policy;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// One installed distribution, read from its metadata files (never by running the environment's interpreter):
/// <paramref name="DirectUrl"/> is PEP 610's URL when it was installed from a URL or folder, <paramref name="Editable"/>
/// when that install is editable (or a legacy <c>.egg-link</c> develop install).
/// </summary>
public sealed record InstalledDistribution(string Name, string Version, string? DirectUrl, bool Editable)
{
    /// <summary>What pip is asked to install to get it back.</summary>
    public IReadOnlyList<string> PipArguments => IsLocalEditable ? ["-e", LocalPath(DirectUrl!)]
        : DirectUrl is { } url ? [$"{Name} @ {url}"]
        : [$"{Name}=={Version}"];

    /// <summary>An editable install of a local folder: pip takes it as <c>-e PATH</c> (an absolute path).</summary>
    public bool IsLocalEditable => Editable && DirectUrl is { } u && u.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Editable ? $"{Name} {Version} (editable, {DirectUrl})" : DirectUrl is null ? $"{Name}=={Version}" : $"{Name} @ {DirectUrl}";

    private static string LocalPath(string url) => url.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? new Uri(url).LocalPath : url;
}

/// <summary>Lists <c>*.dist-info</c> (METADATA, direct_url.json) and <c>*.egg-info</c> (PKG-INFO) of every site-packages.</summary>
public static class InstalledDistributions
{
    /// <param name="unread">Collects, one line each, the metadata files refused by the bounded reader (a FIFO, a
    /// device, over the cap): their distributions are not listed, and a plan names them rather than drop them in silence.</param>
    public static IReadOnlyList<InstalledDistribution> Read(EnvironmentFacts facts, ICollection<string>? unread = null)
    {
        var found = new Dictionary<string, InstalledDistribution>(StringComparer.OrdinalIgnoreCase);
        foreach (var sitePackages in facts.SitePackages)
        {
            IEnumerable<string> entries;
            try { entries = Directory.EnumerateFileSystemEntries(sitePackages).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var entry in entries)
            {
                var name = Path.GetFileName(entry);
                InstalledDistribution? d = null;
                try
                {
                    if (name.EndsWith(".dist-info", StringComparison.Ordinal)) d = FromDistInfo(entry);
                    else if (name.EndsWith(".egg-info", StringComparison.Ordinal)) d = FromEggInfo(entry);
                    else if (name.EndsWith(".egg-link", StringComparison.Ordinal)) d = FromEggLink(entry);
                }
                catch (FileRefusedException e) when (e.Read.Refusal != FileRefusal.Missing) { unread?.Add(e.Message); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or UriFormatException) { }
                // An egg-link (editable) wins over the egg-info it points at.
                if (d is not null && (!found.TryGetValue(DistributionName.Normalize(d.Name), out var seen) || d.Editable && !seen.Editable)) found[DistributionName.Normalize(d.Name)] = d;
            }
        }
        return found.Values.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static InstalledDistribution? FromDistInfo(string folder)
    {
        var metadata = Path.Combine(folder, "METADATA");
        if (!File.Exists(metadata)) return null;
        var (name, version) = Headers(metadata);
        if (name is null || version is null) return null;
        string? url = null;
        var editable = false;
        var directUrl = Path.Combine(folder, "direct_url.json");
        if (File.Exists(directUrl))
        {
            using var doc = JsonDocument.Parse(WorkspaceFile.ReadBytes(directUrl, FileKind.DirectUrl)); // a FIFO planted here is refused, never read
            if (doc.RootElement.TryGetProperty("url", out var u)) url = u.GetString();
            editable = doc.RootElement.TryGetProperty("dir_info", out var dir) && dir.ValueKind == JsonValueKind.Object
                && dir.TryGetProperty("editable", out var e) && e.ValueKind == JsonValueKind.True;
        }
        return new InstalledDistribution(name, version, url, editable);
    }

    private static InstalledDistribution? FromEggInfo(string path)
    {
        var pkgInfo = Directory.Exists(path) ? Path.Combine(path, "PKG-INFO") : path;
        if (!File.Exists(pkgInfo)) return null;
        var (name, version) = Headers(pkgInfo);
        return name is null || version is null ? null : new InstalledDistribution(name, version, null, false);
    }

    private static InstalledDistribution? FromEggLink(string file)
    {
        var source = WorkspaceFile.ReadText(file, FileKind.PathFile).Split('\n').FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(source)) return null;
        var name = Path.GetFileName(file)[..^".egg-link".Length];
        var eggInfo = Directory.Exists(source) ? Directory.EnumerateDirectories(source, "*.egg-info").FirstOrDefault() : null;
        var version = eggInfo is not null ? Headers(Path.Combine(eggInfo, "PKG-INFO")).Version ?? "" : "";
        return new InstalledDistribution(name, version, new Uri(source).AbsoluteUri, true);
    }

    /// <summary>Name and Version from an RFC 822-style metadata file (headers end at the first blank line).</summary>
    private static (string? Name, string? Version) Headers(string file)
    {
        string? name = null, version = null;
        foreach (var line in WorkspaceFile.ReadText(file, FileKind.DistributionMetadata).Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.Length == 0) break;
            if (line.StartsWith("Name:", StringComparison.OrdinalIgnoreCase)) name = line[5..].Trim();
            else if (line.StartsWith("Version:", StringComparison.OrdinalIgnoreCase)) version = line[8..].Trim();
        }
        return (name, version);
    }

}
