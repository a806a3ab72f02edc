using VenvDoctor.Core.Anatomy.Files;
namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>An installed distribution as its metadata folder names it (<c>NAME-VERSION.dist-info</c>).</summary>
public sealed record DistributionRef(string Name, string Version, string MetadataFolder)
{
    /// <summary>The wheel's tags (<c>*.dist-info/WHEEL</c> <c>Tag:</c> lines), read when asked.</summary>
    public IReadOnlyList<string> WheelTags()
    {
        try
        {
            return WorkspaceFile.ReadText(Path.Combine(MetadataFolder, "WHEEL"), FileKind.DistributionMetadata)
                .Split('\n').Where(l => l.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase)).Select(l => l[4..].Trim()).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}

/// <summary>
/// Which distribution installed each compiled file: the first column of every <c>*.dist-info/RECORD</c> (paths relative
/// to site-packages; CSV) and of legacy <c>*.egg-info/installed-files.txt</c> (relative to the egg-info folder).
/// Only compiled files' entries are kept. Read once per diagnosis, and only when a rule needs an owner.
/// </summary>
public sealed class FileOwners
{
    private readonly Dictionary<string, DistributionRef> byPath;

    private FileOwners(Dictionary<string, DistributionRef> byPath) => this.byPath = byPath;

    /// <summary>The distribution whose record lists <paramref name="file"/> (a full path), or null.</summary>
    public DistributionRef? Of(string file) => byPath.GetValueOrDefault(file);

    public static FileOwners Read(IEnumerable<string> sitePackages)
    {
        var map = new Dictionary<string, DistributionRef>(StringComparer.Ordinal);
        foreach (var site in sitePackages)
        {
            IEnumerable<string> folders;
            try { folders = Directory.EnumerateDirectories(site, "*-info").ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var folder in folders)
            {
                var name = Path.GetFileName(folder);
                var isDistInfo = name.EndsWith(".dist-info", StringComparison.Ordinal);
                if (!isDistInfo && !name.EndsWith(".egg-info", StringComparison.Ordinal)) continue;
                var stem = name[..name.LastIndexOf('.')];
                var dash = stem.IndexOf('-');
                var owner = new DistributionRef(dash < 0 ? stem : stem[..dash], dash < 0 ? "" : stem[(dash + 1)..].Split('-')[0], folder);
                var list = Path.Combine(folder, isDistInfo ? "RECORD" : "installed-files.txt");
                var relativeTo = isDistInfo ? site : folder;
                string text;
                try { text = WorkspaceFile.ReadText(list, FileKind.InstallRecord); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
                foreach (var line in text.Split('\n'))
                {
                    var entry = isDistInfo ? FirstCsvField(line) : line.Trim();
                    if (!IsCompiled(entry)) continue;
                    // String-only normalisation: RECORD is untrusted, so nothing here touches the file it names.
                    map.TryAdd(Path.GetFullPath(entry, relativeTo), owner);
                }
            }
        }
        return new FileOwners(map);
    }

    private static bool IsCompiled(string entry) =>
        entry.EndsWith(".so", StringComparison.Ordinal) || entry.EndsWith(".pyd", StringComparison.OrdinalIgnoreCase) || entry.EndsWith(".dylib", StringComparison.Ordinal)
        || entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || entry.Contains(".so.", StringComparison.Ordinal);

    /// <summary>RECORD's first column: CSV, quoted when the path holds a comma or a quote.</summary>
    private static string FirstCsvField(string line)
    {
        line = line.TrimEnd('\r');
        if (!line.StartsWith('"')) { var comma = line.IndexOf(','); return comma < 0 ? line : line[..comma]; }
        var sb = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] != '"') { sb.Append(line[i]); continue; }
            if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; continue; }
            break;
        }
        return sb.ToString();
    }
}
