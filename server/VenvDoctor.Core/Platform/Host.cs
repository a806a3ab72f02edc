using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using VenvDoctor.Core.Platform.Linux;
using VenvDoctor.Core.Platform.Portable;

namespace VenvDoctor.Core.Platform;

/// <summary>
/// The one place Core asks which operating system it runs on and how that system names and compares paths.
/// Everything that differs between Linux, Windows and macOS is reached through here (<see cref="Platform"/>), never
/// through <c>OperatingSystem.Is*</c> or <c>#if</c> spread through Core.
/// </summary>
public static class Host
{
    /// <summary>The implementation for this machine, chosen once, at start-up.</summary>
    public static IPlatform Platform { get; } = Select();

    /// <summary>Windows; the platform analyzer takes it as the guard for Windows-only APIs (the registry).</summary>
    [SupportedOSPlatformGuard("windows")]
    public static bool IsWindows => Platform.Os == HostOs.Windows;
    public static bool IsMacOS => Platform.Os == HostOs.MacOS;
    public static bool IsLinux => Platform.Os == HostOs.Linux;

    /// <summary>How this host compares file names: case-insensitively on Windows (NTFS) and macOS (APFS default).</summary>
    public static StringComparison PathComparison => Platform.PathComparison;

    public static StringComparer PathComparer { get; } =
        PathComparison == StringComparison.OrdinalIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>The machine's CPU as ELF, PE and Mach-O name it ("x86_64", "aarch64").</summary>
    public static string Machine { get; } = RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "i386",
        Architecture.Arm => "arm",
        Architecture.RiscV64 => "riscv64",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.LoongArch64 => "loongarch64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Linux on x86-64 or arm64 (what ships, NativeAOT, with the native calls whose layouts are known there); every
    /// other host the portable implementation.
    /// </summary>
    internal static IPlatform Select()
    {
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64)
            return new LinuxPlatform();
        return new PortablePlatform(OperatingSystem.IsWindows() ? HostOs.Windows
            : OperatingSystem.IsMacOS() ? HostOs.MacOS
            : OperatingSystem.IsLinux() ? HostOs.Linux : HostOs.OtherUnix);
    }
}
