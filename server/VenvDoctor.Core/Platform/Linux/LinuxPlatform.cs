using System.Diagnostics;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Platform.Linux;

/// <summary>
/// Linux (x86-64, arm64), what ships as NativeAOT: statx, readdir, open/pread, realpath and inotify, each chosen for
/// a reason its class gives (speed on tens of thousands of folders, and glibc 2.31's exported symbols).
/// </summary>
public sealed class LinuxPlatform : IPlatform
{
    public HostOs Os => HostOs.Linux;
    public StringComparison PathComparison => StringComparison.Ordinal;
    public IPlatformFiles Files { get; } = new LinuxFiles();
    public IPlatformFolders Folders { get; } = new LinuxFolders();
    public IPlatformWrites Writes { get; } = new LinuxWrites();

    /// <summary>inotify: one watch per directory we choose, all on one instance (see <see cref="InotifyBackend"/>).</summary>
    public IFileWatchBackend CreateWatchBackend() => new InotifyBackend();

    /// <summary>
    /// A quarter of the per-user limit, at most 32768: leaves room for the editor and its other tools. The cap is
    /// above the folder count of a large monorepo's walk (about 10,000 outside node_modules and environments in the
    /// benchmark's 42,000-folder tree), so such a root is watched by events and a warm list answers from the model;
    /// a watch costs the kernel about 1 KiB.
    /// </summary>
    public int DefaultWatchBudget()
    {
        try
        {
            var limit = int.Parse(WorkspaceFile.ReadText("/proc/sys/fs/inotify/max_user_watches", FileKind.SystemSetting).Trim());
            return Math.Clamp(limit / 4, 256, 32768);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 2048;
        }
    }

    public ProcessStartInfo StartInfo(string executable) =>
        new(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };

    /// <summary>The listings, from <see cref="LinuxDirectoryReader"/> (readdir's d_type: no stat per entry).</summary>
    private sealed class LinuxFolders : IPlatformFolders
    {
        public List<FolderEntry> List(string folder, out DateTime? writeTime, Func<string, bool>? include = null) =>
            LinuxDirectoryReader.List(folder, out writeTime, include);

        public List<FolderEntry> ListFolders(string folder, bool withWriteTime, out DateTime? writeTime) =>
            LinuxDirectoryReader.ListFolders(folder, withWriteTime, out writeTime);

        public List<(string Name, EntryType Type, byte[]? RawName)> ListTyped(string folder) => LinuxDirectoryReader.ListTyped(folder);

        public DateTime? WriteTimeOf(string folder) => LinuxDirectoryReader.WriteTimeOf(folder);
    }
}
