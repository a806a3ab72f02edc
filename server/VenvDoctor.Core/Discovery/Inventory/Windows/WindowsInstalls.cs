using System.Text.RegularExpressions;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Discovery.FileSystem;

namespace VenvDoctor.Core.Discovery.Inventory.Windows;

/// <summary>A folder that may hold a Windows base install (<c>python.exe</c> at its root), where it was found, and what that place says of its version.</summary>
public sealed record WindowsInstallFolder(string Folder, string Source, string? VersionHint);

/// <summary>
/// The base Pythons of a Windows machine, from files and the registry only (nothing is run): the Store's alias
/// folders, pyenv-win, uv, conda, python.org's per-user and all-users folders and the Python install manager's,
/// then every PEP 514 registration (which also finds installs in custom folders). The most specific source comes
/// first, since the first way to reach an interpreter names it.
/// </summary>
/// <remarks>
/// The Store's versioned package folders (<c>%ProgramFiles%\WindowsApps\PythonSoftwareFoundation.Python.3.X_…</c>) are
/// never listed as bases: the next update removes them and their executables cannot be started directly
/// (<c>base-versioned-folder</c>); the alias folder of the same minor is listed instead, with its X.Y (its name says
/// no more, and its executables are app execution aliases, not files to read).
/// </remarks>
public sealed partial class WindowsInstalls(WindowsInstallLocations locations, IRegistryView registry)
{
    public const string Executable = "python.exe";

    /// <summary>Every folder to look in; <paramref name="list"/> lists a folder (empty when it cannot be read) and notes that it did.</summary>
    public IEnumerable<WindowsInstallFolder> Folders(Func<string, IReadOnlyList<FolderEntry>> list)
    {
        if (locations.LocalAppData is { } local)
        {
            var aliases = Path.Combine(local, "Microsoft", "WindowsApps");
            foreach (var alias in Named(list(aliases), StoreAlias()))
                yield return new(Path.Combine(aliases, alias.Name), "store", StoreAlias().Match(alias.Name).Groups["minor"].Value);
        }
        foreach (var (parent, source) in new[] { (locations.PyenvWinVersions, "pyenv-win"), (locations.UvPythons, "uv") })
            if (parent is not null)
                foreach (var version in list(parent).Where(e => e.IsDirectory).OrderBy(e => e.Name, StringComparer.Ordinal))
                    yield return new(Path.Combine(parent, version.Name), source, FullVersion().Match(version.Name) is { Success: true } m ? m.Value : null);
        foreach (var conda in locations.CondaPrefixes)
            yield return new(conda, "conda", null);
        foreach (var folder in PythonOrgFolders(list))
            yield return folder;
        foreach (var install in Pep514Registry.Read(registry))
        {
            var folder = install.ExecutablePath is { Length: > 0 } exe && Path.GetDirectoryName(exe) is { Length: > 0 } dir ? dir : install.InstallPath;
            yield return new(Anatomy.Paths.TrimAnySeparators(folder), Pep514Registry.SourceOf(install.Company), install.Version ?? install.SysVersion ?? MinorOfTag(install.Tag));
        }
    }

    /// <summary>python.org's installers: <c>%LOCALAPPDATA%\Programs\Python\Python3XY[-32|-arm64]</c>, <c>%ProgramFiles%\Python3XY</c>; the install manager's <c>%LOCALAPPDATA%\Python\pythoncore-3.X-64</c>.</summary>
    private IEnumerable<WindowsInstallFolder> PythonOrgFolders(Func<string, IReadOnlyList<FolderEntry>> list)
    {
        var parents = new List<string>();
        if (locations.LocalAppData is { } local)
        {
            parents.Add(Path.Combine(local, "Programs", "Python"));
            foreach (var managed in Named(list(Path.Combine(local, "Python")), PythonCore()))
                yield return new(Path.Combine(local, "Python", managed.Name), "python.org", PythonCore().Match(managed.Name).Groups["minor"].Value);
        }
        parents.AddRange(locations.ProgramFiles);
        foreach (var parent in parents)
            foreach (var folder in Named(list(parent), PythonOrgFolder()))
            {
                var digits = PythonOrgFolder().Match(folder.Name).Groups["digits"].Value;
                yield return new(Path.Combine(parent, folder.Name), "python.org", $"{digits[0]}.{digits[1..]}");
            }
    }

    /// <summary>
    /// The version of the install in <paramref name="folder"/>, from files: <c>include\patchlevel.h</c> (X.Y.Z), else the
    /// place's own word when it is X.Y.Z (registry <c>Version</c>, a uv or pyenv-win folder name), else the X.Y of its
    /// <c>python3XY.dll</c>, else the place's X.Y. Null when nothing says.
    /// </summary>
    public static string? VersionOf(IDiscoveryFileSystem fs, string folder, IReadOnlyList<FolderEntry> entries, string? hint)
    {
        if (BaseInstall.PatchLevelVersion(fs, Path.Combine(folder, "include", "patchlevel.h")) is { } exact) return exact;
        if (hint is not null && FullVersion().Match(hint) is { Success: true } full) return full.Value;
        foreach (var entry in entries)
            if (PythonDll().Match(entry.Name) is { Success: true } dll)
                return $"{dll.Groups["digits"].Value[0]}.{dll.Groups["digits"].Value[1..]}";
        return hint is not null && MinorVersion().IsMatch(hint) ? hint : null;
    }

    private static string? MinorOfTag(string tag) => MinorVersion().Match(tag) is { Success: true } m ? m.Value : null;

    private static IEnumerable<FolderEntry> Named(IReadOnlyList<FolderEntry> entries, Regex name) =>
        entries.Where(e => e.IsDirectory && name.IsMatch(e.Name)).OrderBy(e => e.Name, StringComparer.Ordinal);

    [GeneratedRegex(@"^PythonSoftwareFoundation\.Python\.(?<minor>3\.\d+)_qbz5n2kfra8p0$", RegexOptions.IgnoreCase)]
    private static partial Regex StoreAlias();

    [GeneratedRegex(@"^Python(?<digits>3\d{1,2})(?:-32|-arm64)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PythonOrgFolder();

    [GeneratedRegex(@"^pythoncore-(?<minor>3\.\d+)(?:-64|-32|-arm64)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PythonCore();

    [GeneratedRegex(@"^python(?<digits>3\d{1,2})t?\.dll$", RegexOptions.IgnoreCase)]
    private static partial Regex PythonDll();

    [GeneratedRegex(@"3\.\d+\.\d+")]
    private static partial Regex FullVersion();

    [GeneratedRegex(@"^3\.\d+")]
    private static partial Regex MinorVersion();
}
