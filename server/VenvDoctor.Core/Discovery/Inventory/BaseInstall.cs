using System.Text.RegularExpressions;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Locators;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Discovery.Inventory;

/// <summary>Facts about a base Python install (a prefix with bin/ and the standard library), read from files only.</summary>
public static partial class BaseInstall
{
    /// <summary>A base install holds the standard library (<c>lib/pythonX.Y/os.py</c>); a venv never does.</summary>
    public static bool IsBase(FolderView prefix)
    {
        if (!prefix.Has(FolderMarkers.Bin | FolderMarkers.Lib) || prefix.Has(FolderMarkers.PyvenvCfg)) return false;
        return prefix.PythonLibFolders().Any(v => prefix.FileSystem.FileExists(Path.Combine(prefix.Path, "lib", v, "os.py")));
    }

    /// <summary>
    /// The version of the Python in <paramref name="prefix"/>: <c>include/pythonX.Y/patchlevel.h</c>'s PY_VERSION
    /// (X.Y.Z), else the X.Y of its <c>lib/pythonX.Y</c> (or of <paramref name="minorHint"/>, from the executable's
    /// name). Null when nothing says.
    /// </summary>
    public static string? VersionOf(IDiscoveryFileSystem fs, string prefix, string? minorHint)
    {
        var minors = new List<string>();
        if (minorHint is not null) minors.Add(minorHint);
        try
        {
            foreach (var e in fs.List(Path.Combine(prefix, "lib")))
                if (e.IsDirectory && FolderView.IsPythonVersionName(e.Name) && fs.FileExists(Path.Combine(prefix, "lib", e.Name, "os.py")))
                    minors.Add(e.Name[6..]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }

        foreach (var minor in minors.Distinct())
        {
            // 3.6/3.7 used include/python3.7m (the pymalloc ABI flag); free-threaded builds use python3.13t.
            foreach (var suffix in new[] { "", "m", "t" })
            {
                if (PatchLevelVersion(fs, Path.Combine(prefix, "include", $"python{minor}{suffix}", "patchlevel.h")) is { } version) return version;
            }
        }
        return minors.Count > 0 ? minors[0].TrimEnd('t', 'm') : null;
    }

    /// <summary>PY_VERSION of a <c>patchlevel.h</c> (X.Y.Z), read bounded; null when it is missing or says nothing.</summary>
    public static string? PatchLevelVersion(IDiscoveryFileSystem fs, string header)
    {
        string? text;
        try { text = fs.ReadHead(header, FileKind.VersionHeader, FileCaps.Of(FileKind.VersionHeader)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        return text is not null && PyVersion().Match(text) is { Success: true } m ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("""#define\s+PY_VERSION\s+"([0-9][^"]*)"?""")]
    private static partial Regex PyVersion();
}
