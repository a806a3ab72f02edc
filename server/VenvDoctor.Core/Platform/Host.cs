namespace VenvDoctor.Core.Platform;

/// <summary>
/// The one place Core asks which operating system it runs on and how that system names and compares paths.
/// Everything that differs between Linux, Windows and macOS is reached through here, never through
/// <c>OperatingSystem.Is*</c> or <c>#if</c> spread through Core.
/// </summary>
public static class Host
{
    public static bool IsWindows { get; } = OperatingSystem.IsWindows();
    public static bool IsMacOS { get; } = OperatingSystem.IsMacOS();
    public static bool IsLinux { get; } = OperatingSystem.IsLinux();

    /// <summary>How this host compares file names: case-insensitively on Windows (NTFS) and macOS (APFS default).</summary>
    public static StringComparison PathComparison { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static StringComparer PathComparer { get; } =
        PathComparison == StringComparison.OrdinalIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
}
