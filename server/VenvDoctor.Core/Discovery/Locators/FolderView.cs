using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Discovery.Locators;

/// <summary>The marker entries a locator looks for, found in one pass over a listing.</summary>
[Flags]
public enum FolderMarkers
{
    None = 0,
    PyvenvCfg = 1,
    CondaMeta = 2,
    Bin = 4,
    Scripts = 8,
    Lib = 16,
    /// <summary><c>Lib</c> with a capital L (Windows layout; on a case-sensitive disk it differs from lib).</summary>
    WindowsLib = 32,
}

/// <summary>
/// A folder being identified: its listing, its markers, and lazy, size-capped reads of what locators need. Nothing
/// is read twice (pyvenv.cfg is shared by the locators that look at it).
/// </summary>
public sealed class FolderView
{
    /// <summary>pyvenv.cfg is a few hundred bytes; a 10 MB one is garbage and we only need its first keys.</summary>
    public const int MaxConfigBytes = 64 * 1024;

    private PyvenvKeys? config;
    private bool configRead;

    public FolderView(string path, IReadOnlyList<FolderEntry> entries, IDiscoveryFileSystem fileSystem)
    {
        Path = path;
        Entries = entries;
        FileSystem = fileSystem;
        Markers = MarkersOf(entries);
    }

    public string Path { get; }
    public IReadOnlyList<FolderEntry> Entries { get; }
    public IDiscoveryFileSystem FileSystem { get; }
    public FolderMarkers Markers { get; }

    public bool Has(FolderMarkers marker) => (Markers & marker) == marker;

    /// <summary>The keys of pyvenv.cfg (null when there is none or it cannot be read).</summary>
    public PyvenvKeys? Config
    {
        get
        {
            if (configRead) return config;
            configRead = true;
            if (!Has(FolderMarkers.PyvenvCfg)) return null;
            try
            {
                var text = FileSystem.ReadHead(System.IO.Path.Combine(Path, "pyvenv.cfg"), FileKind.PyvenvConfig, MaxConfigBytes);
                config = text is null ? null : PyvenvKeys.Parse(text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { config = null; }
            return config;
        }
    }

    /// <summary>The listing of a child folder, or null when it cannot be read.</summary>
    public IReadOnlyList<FolderEntry>? ListChild(params string[] parts)
    {
        try { return FileSystem.List(System.IO.Path.Combine([Path, .. parts])); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The <c>pythonX.Y</c> folders under <c>lib</c> (or <c>Lib</c>).</summary>
    public IEnumerable<string> PythonLibFolders(string lib = "lib") =>
        (ListChild(lib) ?? []).Where(e => e.IsDirectory && IsPythonVersionName(e.Name)).Select(e => e.Name);

    /// <summary>python2.7, python3.12, python3.13t (free-threaded).</summary>
    public static bool IsPythonVersionName(string name) =>
        name.StartsWith("python", StringComparison.Ordinal) && name.Length > 6 && char.IsAsciiDigit(name[6]) && name.Contains('.');

    /// <summary>The markers among a listing's names (the walk asks this of every folder before building a view).</summary>
    public static FolderMarkers MarkersOf(IReadOnlyList<FolderEntry> entries)
    {
        var markers = FolderMarkers.None;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            markers |= e.Name switch
            {
                "pyvenv.cfg" when !e.IsDirectory => FolderMarkers.PyvenvCfg,
                "conda-meta" when e.IsDirectory => FolderMarkers.CondaMeta,
                "bin" when e.IsDirectory => FolderMarkers.Bin,
                "Scripts" when e.IsDirectory => FolderMarkers.Scripts,
                "lib" when e.IsDirectory => FolderMarkers.Lib,
                "Lib" when e.IsDirectory => FolderMarkers.WindowsLib,
                _ => FolderMarkers.None,
            };
        }
        return markers;
    }
}

/// <summary>
/// Just enough of pyvenv.cfg to tell who made it (<c>uv =</c>, <c>virtualenv =</c>). The full reader, with positions
/// for repairs, belongs to diagnosis (Core/Anatomy); this one only needs key names and tolerates anything.
/// </summary>
public sealed class PyvenvKeys
{
    private readonly Dictionary<string, string> values;

    private PyvenvKeys(Dictionary<string, string> values) => this.values = values;

    public string? this[string key] => values.GetValueOrDefault(key);

    public bool Has(string key) => values.ContainsKey(key);

    public static PyvenvKeys Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split('\n'))
        {
            var eq = raw.IndexOf('=');
            if (eq <= 0) continue;
            var key = raw[..eq].Trim();
            if (key.Length == 0 || key.Length > 64) continue;
            values.TryAdd(key, raw[(eq + 1)..].Trim());
        }
        return new PyvenvKeys(values);
    }
}
