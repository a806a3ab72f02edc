namespace VenvDoctor.Core.Watching;

/// <summary>Path comparisons the watcher needs (ordinal: Linux paths are case-sensitive).</summary>
internal static class PathUtil
{
    public static bool IsUnderOrEqual(string path, string ancestor)
    {
        if (path.Length == ancestor.Length) return string.Equals(path, ancestor, StringComparison.Ordinal);
        if (!path.StartsWith(ancestor, StringComparison.Ordinal)) return false;
        return ancestor.EndsWith(Path.DirectorySeparatorChar) || path[ancestor.Length] == Path.DirectorySeparatorChar;
    }

    /// <summary>Absolute, without a trailing separator (except the filesystem root).</summary>
    public static string Normalize(string path)
    {
        var full = Path.GetFullPath(path);
        return full.Length > 1 ? full.TrimEnd(Path.DirectorySeparatorChar) : full;
    }

    /// <summary><paramref name="path"/> re-based from <paramref name="from"/> to <paramref name="to"/> (a renamed ancestor).</summary>
    public static string Rebase(string path, string from, string to) =>
        path.Length == from.Length ? to : to + path[from.Length..];
}
