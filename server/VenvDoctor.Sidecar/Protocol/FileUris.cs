namespace VenvDoctor.Sidecar.Protocol;

/// <summary>LSP sends folders as <c>file://</c> URIs; services want local absolute paths.</summary>
public static class FileUris
{
    /// <summary>The local path of a <c>file:</c> URI; null for other schemes or garbage (nothing local to scan).</summary>
    public static string? ToLocalPath(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri)) return null;
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile) return null;
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(parsed.LocalPath));
    }

    public static string FromLocalPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
