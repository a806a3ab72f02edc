using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Settings;

/// <summary>
/// How an interpreter setting's paths are written and read on one OS: the one rule for the setting's value, used
/// by <see cref="SettingVariables"/> (reading) and <see cref="SettingValue"/> (writing). POSIX paths are the
/// host's own (.NET's path functions). Windows paths are worked out here as text — drive letters (<c>C:\</c>,
/// <c>c:/</c>), UNC (<c>\\server\share\</c>), <c>\\?\</c> (left exactly as written, as Windows does), either
/// separator read and <c>\</c> written, <c>.</c> and <c>..</c> folded, names compared case-insensitively — so the
/// same code answers on a Windows host and in tests of Windows values on any host.
/// </summary>
public sealed class SettingPathStyle
{
    public static readonly SettingPathStyle Posix = new(windows: false);
    public static readonly SettingPathStyle Windows = new(windows: true);

    /// <summary>The style of the OS this process runs on.</summary>
    public static SettingPathStyle ForHost => Host.IsWindows ? Windows : Posix;

    private readonly bool windows;

    private SettingPathStyle(bool windows) => this.windows = windows;

    public char Separator => windows ? '\\' : '/';

    public StringComparison Comparison => windows ? StringComparison.OrdinalIgnoreCase : Host.PathComparison;

    /// <summary>Whether the path names a place without a folder to start from (<c>C:\x</c>, <c>\\server\share</c>; <c>/x</c> on POSIX).</summary>
    public bool IsAbsolute(string path) => windows ? RootLength(path) > 0 && !IsDriveRelative(path) : Path.IsPathRooted(path);

    /// <summary><paramref name="path"/> made absolute against <paramref name="folder"/>, <c>.</c> and <c>..</c> folded.</summary>
    public string Full(string path, string folder)
    {
        if (!windows) return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(folder, path));
        if (path.StartsWith(@"\\?\", StringComparison.Ordinal)) return path;
        path = RootLength(path) switch
        {
            0 => folder + @"\" + path,
            1 => folder[..RootLength(folder)].TrimEnd('\\', '/') + path, // \x: the folder's drive
            2 => path[..2] + @"\" + path[2..], // C:x: taken from that drive's root (a setting has no current folder on C:)
            _ => path,
        };
        return Fold(path.Replace('/', '\\'));
    }

    /// <summary>The path of <paramref name="path"/> below <paramref name="folder"/> (<c>.venv\Scripts\python.exe</c>), or null when it is not inside it.</summary>
    public string? Below(string path, string folder)
    {
        var f = Full(folder, folder).TrimEnd(Separator);
        var p = Full(path, folder);
        return p.Length > f.Length + 1 && p[f.Length] == Separator && p.StartsWith(f, Comparison) ? p[(f.Length + 1)..] : null;
    }

    /// <summary>The length of the root: <c>C:\</c> 3, <c>C:</c> 2, <c>\\server\share\</c> through its separator, <c>\</c> 1, a relative path 0.</summary>
    private static int RootLength(string path)
    {
        if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':') return path.Length > 2 && IsSeparator(path[2]) ? 3 : 2;
        if (path.Length >= 2 && IsSeparator(path[0]) && IsSeparator(path[1]))
        {
            var server = path.IndexOfAny(['\\', '/'], 2);
            var share = server < 0 ? -1 : path.IndexOfAny(['\\', '/'], server + 1);
            return server < 0 ? path.Length : share < 0 ? path.Length : share + 1;
        }
        return path.Length >= 1 && IsSeparator(path[0]) ? 1 : 0;
    }

    /// <summary><c>C:x</c> (relative to drive C's current folder) and <c>\x</c> (to the current drive's root): not absolute.</summary>
    private static bool IsDriveRelative(string path) => RootLength(path) is 1 or 2;

    private static bool IsSeparator(char c) => c is '\\' or '/';

    private static string Fold(string path)
    {
        var root = RootLength(path);
        var names = new List<string>();
        foreach (var name in path[root..].Split('\\', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name == ".") continue;
            if (name == "..") { if (names.Count > 0) names.RemoveAt(names.Count - 1); continue; }
            names.Add(name);
        }
        return path[..root] + string.Join('\\', names);
    }
}
