namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// The one set of path-shape helpers (strings only, nothing is read: <see cref="PathResolver"/> resolves links):
/// trailing-separator trimming, "is under" and re-basing a path from one folder onto another. Comparisons are
/// ordinal: Linux paths are case-sensitive, and a recorded path is compared as the bytes it was written with.
/// </summary>
public static class Paths
{
    private static readonly char[] Separators = ['/', Path.DirectorySeparatorChar];

    /// <summary>
    /// A path without trailing separators (<c>/</c>, and this OS's own), except a root: <c>/</c> stays <c>/</c>.
    /// On Linux a <c>\</c> is left: it is a character a folder name may end with.
    /// </summary>
    public static string TrimSeparators(string path)
    {
        if (path.Length <= 1) return path;
        var trimmed = path.TrimEnd(Separators);
        return trimmed.Length == 0 ? path[..1] : trimmed;
    }

    /// <summary>
    /// A recorded path that may have been written on either OS (a Windows venv's <c>home = C:\Python311\</c> read
    /// here) without trailing <c>/</c> or <c>\</c>; a root keeps its separator.
    /// </summary>
    public static string TrimAnySeparators(string recorded)
    {
        if (recorded.Length <= 1) return recorded;
        var trimmed = recorded.TrimEnd('/', '\\');
        return trimmed.Length == 0 ? recorded[..1] : trimmed;
    }

    /// <summary>A path of this machine as the sidecar keeps it: absolute (<see cref="Path.GetFullPath(string)"/>) and trimmed.</summary>
    public static string Full(string path) => TrimSeparators(Path.GetFullPath(path));

    /// <summary>
    /// True when <paramref name="path"/> is <paramref name="folder"/> or lies below it, compared as strings. Pass
    /// real paths (<see cref="PathResolver.RealPath"/>) where a link must not count as inside.
    /// </summary>
    public static bool IsUnderOrEqual(string path, string folder) =>
        string.Equals(TrimSeparators(path), TrimSeparators(folder), StringComparison.Ordinal) || IsUnder(path, folder);

    /// <summary>True when <paramref name="path"/> lies strictly below <paramref name="folder"/>, compared as strings.</summary>
    public static bool IsUnder(string path, string folder)
    {
        folder = TrimSeparators(folder);
        path = TrimSeparators(path);
        if (folder.Length == 0 || path.Length <= folder.Length || !path.StartsWith(folder, StringComparison.Ordinal)) return false;
        return Separators.Contains(folder[^1]) || Separators.Contains(path[folder.Length]);
    }

    /// <summary>
    /// <paramref name="path"/> moved from under <paramref name="from"/> to the same place under <paramref name="to"/>
    /// (a renamed ancestor, a relocated environment), or null when it is neither <paramref name="from"/> nor inside
    /// it. What follows <paramref name="from"/> is kept byte for byte (a trailing separator too). A root is never
    /// re-based (null): every absolute path is under it, and nothing moves a whole file system.
    /// </summary>
    public static string? Rebase(string path, string from, string to)
    {
        // On Windows, recorded paths are re-based as Windows compares them (case, \\?\, either slash).
        if (Platform.Host.IsWindows && PlatformPaths.IsWindowsStyle(path) && PlatformPaths.IsWindowsStyle(from)) return WindowsPaths.Rebase(path, from, to);
        var folder = TrimSeparators(from);
        if (folder.Length == 0 || Separators.Contains(folder[^1]) || !IsUnderOrEqual(path, folder)) return null;
        var rest = path[folder.Length..];
        if (rest.Length == 0) return to;
        var target = TrimSeparators(to);
        return target.Length > 0 && Separators.Contains(target[^1]) ? target[..^1] + rest : target + rest;
    }
}
