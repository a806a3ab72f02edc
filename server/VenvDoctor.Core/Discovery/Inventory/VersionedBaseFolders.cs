using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Discovery.Inventory;

/// <summary>Which package manager replaces a versioned base folder at its next update.</summary>
public enum VersionedBaseManager { Homebrew, Store }

/// <summary>
/// A base install folder that names its own version and that a package manager replaces at an update:
/// Homebrew's keg (<c>&lt;prefix&gt;/Cellar/python@3.12/3.12.1_1</c>) or the Microsoft Store's package folder
/// (<c>C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.12_3.12.2032.0_x64__qbz5n2kfra8p0</c>).
/// </summary>
/// <param name="Folder">The versioned folder, as the recorded path writes it.</param>
/// <param name="Minor">The X.Y it holds (from the formula or package name).</param>
/// <param name="FolderVersion">The version part of the folder's name (Homebrew: 3.12.1_1; the Store: its package version).</param>
/// <param name="StableFolder">
/// Homebrew: the stable <c>&lt;prefix&gt;/opt/&lt;formula&gt;/bin</c> of the same formula. The Store: null here,
/// since its stable app-execution-alias folder is under the user's <c>%LOCALAPPDATA%</c>, not beside the package
/// (<see cref="StoreAliasFolderName"/> names it).
/// </param>
public sealed record VersionedBaseFolder(VersionedBaseManager Manager, string Folder, string Minor, string FolderVersion, string? StableFolder);

/// <summary>
/// Recognises, from the text of a path alone, a base folder a package manager replaces (so a venv that recorded
/// it breaks at the next update), and names the stable path of the same minor that updates keep. Pure text: the
/// same answer on every OS, so both layouts are tested anywhere; whether the folder exists is the caller's question.
/// </summary>
public static partial class VersionedBaseFolders
{
    /// <summary>The Store's publisher id for the Python Software Foundation's packages.</summary>
    public const string StorePublisherId = "qbz5n2kfra8p0";

    /// <summary>The versioned folder <paramref name="path"/> lies in (or is), or null when it names none.</summary>
    public static VersionedBaseFolder? Find(string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        if (CellarKeg().Match(path) is { Success: true } keg)
        {
            var formula = keg.Groups["formula"].Value;
            var version = keg.Groups["version"].Value;
            var minor = formula.StartsWith("python@", StringComparison.Ordinal) ? formula["python@".Length..] : MinorOfVersion(version);
            if (minor is null) return null;
            var prefix = keg.Groups["prefix"].Value;
            return new VersionedBaseFolder(VersionedBaseManager.Homebrew, $"{prefix}/Cellar/{formula}/{version}", minor, version, $"{prefix}/opt/{formula}/bin");
        }
        if (StorePackage().Match(path) is { Success: true } package)
            return new VersionedBaseFolder(VersionedBaseManager.Store, package.Groups["folder"].Value, package.Groups["minor"].Value, package.Groups["version"].Value, null);
        return null;
    }

    /// <summary>The name of the Store's stable alias folder for a minor, under <c>%LOCALAPPDATA%\Microsoft\WindowsApps</c>.</summary>
    public static string StoreAliasFolderName(string minor) => $"PythonSoftwareFoundation.Python.{minor}_{StorePublisherId}";

    /// <summary>
    /// The X.Y of an interpreter in a Store alias folder
    /// (<c>…\Microsoft\WindowsApps\PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0\python.exe</c>), or null when
    /// <paramref name="executable"/> is not one. Text only, either separator, so it reads the same on every host.
    /// </summary>
    public static string? StoreAliasMinor(string executable) =>
        StoreAliasExecutable().Match(executable) is { Success: true } m ? m.Groups["minor"].Value : null;

    private static string? MinorOfVersion(string version) =>
        LeadingMinor().Match(version) is { Success: true } m ? m.Value : null;

    /// <summary><c>&lt;prefix&gt;/Cellar/python@3.12/3.12.1_1</c> (also the old <c>python</c> and <c>python3</c> formulae).</summary>
    [GeneratedRegex(@"^(?<prefix>/.*?)/Cellar/(?<formula>python(?:@3\.\d+|3)?)/(?<version>3\.\d+(?:\.\d+)*(?:_\d+)?)(?:/|$)")]
    private static partial Regex CellarKeg();

    /// <summary>
    /// <c>…\WindowsApps\PythonSoftwareFoundation.Python.3.12_3.12.2032.0_x64__qbz5n2kfra8p0</c>: name, package
    /// version, architecture, then the publisher id after two underscores (MSIX package full names).
    /// </summary>
    [GeneratedRegex(@"^(?<folder>.*[\\/]WindowsApps[\\/]PythonSoftwareFoundation\.Python\.(?<minor>3\.\d+)_(?<version>[0-9.]+)_[A-Za-z0-9]+__qbz5n2kfra8p0)(?:[\\/]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StorePackage();

    [GeneratedRegex(@"[\\/]Microsoft[\\/]WindowsApps[\\/]PythonSoftwareFoundation\.Python\.(?<minor>3\.\d+)_qbz5n2kfra8p0[\\/][^\\/]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StoreAliasExecutable();

    [GeneratedRegex(@"^3\.\d+")]
    private static partial Regex LeadingMinor();
}
