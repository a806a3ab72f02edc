namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// Resolves symlinks in every component of a path without touching what it points at (no <c>Path.GetFullPath</c>
/// normalisation of <c>..</c> before a link is followed, unlike a string cleanup: <c>a/link/..</c> goes to the
/// link target's parent, as the kernel does). Managed so it behaves the same wherever the sidecar runs. Path shapes
/// (is-under, trimming, re-basing) are <see cref="Paths"/>.
/// </summary>
public static class PathResolver
{
    private const int MaxLinks = 40;

    /// <summary>
    /// The real path of <paramref name="path"/>, or null when a component is missing, a link dangles or loops: the
    /// one real-path helper (discovery, diagnosis, repair scope and the watch all ask here). The kernel's answer
    /// (realpath(3)) on Linux, <see cref="Walk"/> elsewhere; <see cref="Resolve"/> says how far a path that does not resolve got.
    /// </summary>
    public static string? RealPath(string path)
    {
        try { return Platform.Host.Platform.Files.RealPath(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(path)); }
        catch (IOException) { return null; }   // a loop, or a component that cannot be read
    }

    /// <summary>
    /// What a symlink holds (readlink(2), by lstat: the link itself, never followed), or null when the entry is not a
    /// link, is gone, or cannot be read: the one link-reading helper.
    /// </summary>
    public static string? ReadLink(FileSystemInfo entry)
    {
        try { return entry.LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary><see cref="ReadLink(FileSystemInfo)"/> of a path.</summary>
    public static string? ReadLink(string path) => ReadLink(new FileInfo(path));

    /// <summary>True when <paramref name="path"/> is, by real path, <paramref name="folder"/> or inside it (a link inside leading out is outside). False when either does not resolve.</summary>
    public static bool IsUnderByRealPath(string path, string folder) =>
        RealPath(path) is { } realPath && RealPath(folder) is { } realFolder && Paths.IsUnderOrEqual(realPath, realFolder);

    /// <summary>
    /// Resolves as far as possible. <c>exists</c> is false when some component does not exist (the returned path
    /// then shows where resolution stopped: the first missing component joined with the rest).
    /// </summary>
    public static (string Path, bool Exists) Resolve(string path)
    {
        var (at, outcome) = Walk(path);
        return (at, outcome == WalkOutcome.Resolved);
    }

    /// <summary>How a <see cref="Walk"/> ended.</summary>
    public enum WalkOutcome { Resolved, Missing, Loop }

    /// <summary>
    /// Follows <paramref name="path"/> component by component, each link read with <see cref="ReadLink(FileSystemInfo)"/>:
    /// the real path, or where it stopped (a missing component, or more than 40 links: a loop).
    /// </summary>
    public static (string Path, WalkOutcome Outcome) Walk(string path)
    {
        if (!System.IO.Path.IsPathRooted(path)) path = System.IO.Path.GetFullPath(path);
        var root = System.IO.Path.GetPathRoot(path)!;
        var pending = new Stack<string>(path[root.Length..].Split(['/', System.IO.Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = root;
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                current = System.IO.Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = System.IO.Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(next);
            var target = ReadLink(info);
            if (target is null)
            {
                if (!info.Exists && !Directory.Exists(next))
                    return (Join(next, pending), WalkOutcome.Missing);
                current = next;
                continue;
            }
            if (++hops > MaxLinks) return (Join(next, pending), WalkOutcome.Loop);
            // A rooted target restarts from its root (C:\, \\server\share\, \\?\C:\ on Windows: split after it).
            var targetRoot = System.IO.Path.IsPathRooted(target) ? System.IO.Path.GetPathRoot(target)! : "";
            var targetParts = target[targetRoot.Length..].Split(['/', System.IO.Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
            for (var i = targetParts.Length - 1; i >= 0; i--) pending.Push(targetParts[i]);
            if (targetRoot.Length > 0) current = targetRoot;
        }
        return (current, WalkOutcome.Resolved);
    }

    private static string Join(string at, Stack<string> rest) => rest.Count == 0 ? at : System.IO.Path.Combine([at, .. rest]);

    /// <summary>True when two paths name the same place once links are resolved (or are equal as strings).</summary>
    public static bool SamePlace(string a, string b)
    {
        if (string.Equals(Paths.TrimAnySeparators(a), Paths.TrimAnySeparators(b), StringComparison.Ordinal)) return true;
        var ra = RealPath(a);
        var rb = RealPath(b);
        return ra is not null && rb is not null && string.Equals(ra, rb, StringComparison.Ordinal);
    }
}
