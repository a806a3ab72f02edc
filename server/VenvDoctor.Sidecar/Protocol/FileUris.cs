using System.Text.RegularExpressions;
using VenvDoctor.Core.Platform;

namespace VenvDoctor.Sidecar.Protocol;

/// <summary>LSP sends folders as <c>file://</c> URIs; services want local absolute paths.</summary>
public static partial class FileUris
{
    /// <summary>The local path of a <c>file:</c> URI; null for other schemes or garbage (nothing local to scan).</summary>
    public static string? ToLocalPath(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri)) return null;
        if (Host.IsWindows) uri = WithDriveColon(uri);
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile) return null;
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(parsed.LocalPath));
    }

    public static string FromLocalPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    /// <summary>
    /// VS Code on Windows escapes a drive letter's colon (<c>file:///c%3A/Users/me</c>); .NET's <see cref="Uri"/> keeps
    /// it escaped in <see cref="Uri.LocalPath"/>, which then names no drive. Unescaped here, for a drive letter only.
    /// </summary>
    internal static string WithDriveColon(string uri) => EscapedDrive().Replace(uri, "file:///$1:", 1);

    [GeneratedRegex("^file:///([A-Za-z])%3[Aa]", RegexOptions.CultureInvariant)]
    private static partial Regex EscapedDrive();
}
