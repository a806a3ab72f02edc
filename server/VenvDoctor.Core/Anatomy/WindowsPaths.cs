namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// Windows path text, read the same on any host (a Windows venv's files are read on Linux too): drive letters
/// (<c>C:\</c>, <c>c:/</c>), UNC shares (<c>\\server\share</c>), the long-path forms <c>\\?\C:\</c> and
/// <c>\\?\UNC\server\share</c>, either slash, and case-insensitive comparison (NTFS compares names ignoring case).
/// Pure string logic; nothing is read. <see cref="Paths"/> uses it for Windows-style paths.
/// </summary>
public static class WindowsPaths
{
    private const string LongPrefix = @"\\?\";
    private const string LongUncPrefix = @"\\?\UNC\";

    /// <summary><c>C:\…</c> or <c>C:/…</c> (a drive-relative <c>C:foo</c> is not absolute).</summary>
    public static bool IsDriveAbsolute(string path) =>
        path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/';

    /// <summary><c>\\server\share…</c> (either slash), not a long-path prefix.</summary>
    public static bool IsUnc(string path) =>
        path.Length > 2 && path[0] is '\\' or '/' && path[1] is '\\' or '/' && path[2] is not ('?' or '.' or '\\' or '/');

    /// <summary>Any absolute Windows form: drive, UNC, <c>\\?\</c> or <c>\\.\</c>.</summary>
    public static bool IsAbsolute(string path) =>
        IsDriveAbsolute(path) || IsUnc(path) || path.StartsWith(LongPrefix, StringComparison.Ordinal) || path.StartsWith(@"\\.\", StringComparison.Ordinal);

    /// <summary>
    /// The path as Windows resolves it for comparison: <c>\\?\C:\x</c> → <c>C:\x</c>, <c>\\?\UNC\s\h</c> → <c>\\s\h</c>,
    /// forward slashes → backslashes, repeated separators collapsed (after a UNC's leading pair), the drive letter
    /// upper-cased, no trailing separator except a drive root's (<c>C:\</c>).
    /// </summary>
    public static string Normalize(string path)
    {
        if (path.StartsWith(LongUncPrefix, StringComparison.OrdinalIgnoreCase)) path = @"\\" + path[LongUncPrefix.Length..];
        else if (path.StartsWith(LongPrefix, StringComparison.Ordinal)) path = path[LongPrefix.Length..];
        var unc = IsUnc(path);
        var chars = new System.Text.StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i] == '/' ? '\\' : path[i];
            if (c == '\\' && chars.Length > (unc ? 1 : 0) && chars[^1] == '\\') continue;
            chars.Append(c);
        }
        var text = chars.ToString();
        if (IsDriveAbsolute(text)) text = char.ToUpperInvariant(text[0]) + text[1..];
        var minimum = IsDriveAbsolute(text) ? 3 : unc ? 2 : 1;
        while (text.Length > minimum && text[^1] == '\\') text = text[..^1];
        return text;
    }

    /// <summary>The same place, as Windows compares names: normalised, then ignoring case.</summary>
    public static bool SamePath(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    /// <summary><paramref name="path"/> is <paramref name="folder"/> or below it, compared as Windows does.</summary>
    public static bool IsUnderOrEqual(string path, string folder) => RestAfter(path, folder) is not null;

    /// <summary>
    /// <paramref name="path"/> re-based from <paramref name="from"/> onto <paramref name="to"/>, keeping what follows
    /// <paramref name="from"/> as it was written (its separators and case); null when it is not at or below it, or
    /// <paramref name="from"/> is a root.
    /// </summary>
    public static string? Rebase(string path, string from, string to)
    {
        var normalizedFrom = Normalize(from);
        if (normalizedFrom.Length <= 3 && IsDriveAbsolute(normalizedFrom) || normalizedFrom.Length <= 2) return null;
        if (RestAfter(path, from) is not { } rest) return null;
        var target = to.TrimEnd('\\', '/');
        return rest.Length == 0 ? to : target + rest;
    }

    /// <summary>The text of <paramref name="path"/> after <paramref name="folder"/> (starting at its separator), "" when equal, null when not below.</summary>
    private static string? RestAfter(string path, string folder)
    {
        var f = Normalize(folder);
        var p = Normalize(path);
        if (p.Equals(f, StringComparison.OrdinalIgnoreCase)) return TrailingOf(path);
        if (!p.StartsWith(f, StringComparison.OrdinalIgnoreCase) || (p.Length > f.Length && p[f.Length] != '\\' && f[^1] != '\\')) return null;
        // Map the normalised length back onto the text as written: count the same path elements in the original.
        var elements = f.Split('\\', StringSplitOptions.RemoveEmptyEntries).Length;
        var cut = OffsetAfterElements(path, elements);
        return cut < 0 ? null : path[cut..];
    }

    private static string TrailingOf(string path)
    {
        var end = path.Length;
        while (end > 0 && path[end - 1] is '\\' or '/') end--;
        return path[end..];
    }

    /// <summary>The offset in <paramref name="path"/> just past its first <paramref name="count"/> path elements (prefixes counted as Normalize does).</summary>
    private static int OffsetAfterElements(string path, int count)
    {
        var start = 0;
        if (path.StartsWith(LongUncPrefix, StringComparison.OrdinalIgnoreCase)) start = LongUncPrefix.Length;
        else if (path.StartsWith(LongPrefix, StringComparison.Ordinal)) start = LongPrefix.Length;
        var i = start;
        var seen = 0;
        while (i < path.Length && seen < count)
        {
            while (i < path.Length && path[i] is '\\' or '/') i++;
            if (i >= path.Length) break;
            while (i < path.Length && path[i] is not ('\\' or '/')) i++;
            seen++;
        }
        return seen == count ? i : -1;
    }
}
