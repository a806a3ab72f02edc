using System.Diagnostics;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Platform.Portable;

/// <summary>
/// Windows and macOS (and any host without <see cref="Linux.LinuxPlatform"/>'s native layouts), on .NET's portable
/// calls: FileSystemInfo for status and links, <see cref="FileSystemWatcher"/> for watching (ReadDirectoryChangesW
/// on Windows, FSEvents on macOS). Runs on Linux too, which is how its tests run here.
/// </summary>
public sealed class PortablePlatform(HostOs os) : IPlatform
{
    public HostOs Os => os;

    /// <summary>NTFS and APFS (by default) ignore case; a Linux or other Unix file system does not.</summary>
    public StringComparison PathComparison => os is HostOs.Windows or HostOs.MacOS ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public IPlatformFiles Files { get; } = new PortableFiles(os);
    public IPlatformFolders Folders { get; } = new PortableFolders();
    public IPlatformWrites Writes { get; } = new PortableWrites(os);

    /// <summary>One recursive OS watch per root (see <see cref="FileSystemWatcherBackend"/>): no per-folder limit to share.</summary>
    public IFileWatchBackend CreateWatchBackend() => new FileSystemWatcherBackend(PathComparison == StringComparison.OrdinalIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    /// <summary>The folders a session may track (the OS holds one recursive watch per root, whatever this is).</summary>
    public int DefaultWatchBudget() => 32768;

    /// <summary>No console window for a child on Windows (the sidecar has none to share when the editor starts it).</summary>
    public ProcessStartInfo StartInfo(string executable) =>
        new(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, CreateNoWindow = true };
}
