namespace VenvDoctor.Core.Watching;

/// <summary>
/// Path shapes the watcher needs: roots as it keeps them, and paths re-based under a renamed folder. ("Is under" is
/// <see cref="Anatomy.PathResolver.IsUnderOrEqual"/>, shared with discovery and repair.)
/// </summary>
internal static class PathUtil
{
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
