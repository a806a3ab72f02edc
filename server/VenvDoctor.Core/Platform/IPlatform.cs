using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Platform;

/// <summary>The operating systems the seam tells apart.</summary>
public enum HostOs { Linux, Windows, MacOS, OtherUnix }

/// <summary>
/// Everything Core does differently per operating system, in one interface chosen once at start-up
/// (<see cref="Host.Platform"/>): <see cref="Linux.LinuxPlatform"/> (statx, readdir, open/pread, realpath, inotify:
/// what the NativeAOT build ships) or <see cref="Portable.PortablePlatform"/> (.NET's own calls: Windows and macOS).
/// The rest of Core asks here and never tests the OS itself.
/// </summary>
public interface IPlatform
{
    HostOs Os { get; }

    /// <summary>How this host compares file names: case-insensitively on Windows (NTFS) and macOS (APFS default).</summary>
    StringComparison PathComparison { get; }

    /// <summary>File status and identity, real paths, and opening a file for bounded reading.</summary>
    IPlatformFiles Files { get; }

    /// <summary>Folder listings and folder times.</summary>
    IPlatformFolders Folders { get; }

    /// <summary>The few writes whose semantics differ: rename over, hard links, owners, permission bits.</summary>
    IPlatformWrites Writes { get; }

    /// <summary>A new backend for one watch session.</summary>
    IFileWatchBackend CreateWatchBackend();

    /// <summary>How many directory watches a session may use unless told (the OS's limit shared with other tools).</summary>
    int DefaultWatchBudget();

    /// <summary>A start of <paramref name="executable"/> with its output redirected, no shell, no window.</summary>
    ProcessStartInfo StartInfo(string executable);
}

/// <summary>Reading side of the file system: what a path is, where it really leads, and opening it to read.</summary>
public interface IPlatformFiles
{
    /// <summary>Status of <paramref name="path"/>; of a final link itself unless <paramref name="followLinks"/>.</summary>
    FileStatus.Outcome Status(string path, bool followLinks, out FileStatus.Info info);

    /// <summary>Every linked component resolved; null when a component is missing or a link dangles; IOException on a loop.</summary>
    string? RealPath(string path);

    /// <summary>
    /// The checked open sequence for a bounded read: the name looked at before opening (a FIFO, socket, device or
    /// folder is never opened), opened without blocking, and what was opened looked at again. Null with the reason
    /// in <paramref name="refusal"/> otherwise. Never throws for I/O.
    /// </summary>
    OpenedFile? Open(string path, FileKind kind, out FileRead? refusal);

    /// <summary>
    /// The cheapest open, for the first bytes of many scripts: no type check (the read is bounded by its buffer and
    /// cannot block). Throws <see cref="FileRefusedException"/> (an IOException) when it cannot be opened.
    /// </summary>
    OpenedFile OpenUnchecked(string path, FileKind kind);

    /// <summary>A folder held open so files in it are opened by name; null where the platform has no use for it.</summary>
    OpenedFolder? OpenFolder(string path);
}

/// <summary>A file open for reading at chosen offsets.</summary>
public abstract class OpenedFile(string path, FileKind kind, long length) : IDisposable
{
    public string Path { get; } = path;
    public FileKind Kind { get; } = kind;
    /// <summary>Its size when opened, -1 when unknown: a hint (a cap, never a size, bounds a read).</summary>
    public long Length { get; } = length;

    /// <summary>Up to the buffer's length from <paramref name="offset"/>; 0 at the end. Throws <see cref="FileRefusedException"/>.</summary>
    public abstract int Read(Span<byte> buffer, long offset);

    public abstract void Dispose();
}

/// <summary>An open folder (see <see cref="IPlatformFiles.OpenFolder"/>).</summary>
public abstract class OpenedFolder : IDisposable
{
    /// <summary>Opens the file <paramref name="name"/> of this folder, unchecked, as <see cref="IPlatformFiles.OpenUnchecked"/>.</summary>
    public abstract OpenedFile OpenUnchecked(string name, string shownPath, FileKind kind);

    /// <summary>As <see cref="OpenUnchecked(string,string,FileKind)"/>, by the raw bytes of a name that is not valid UTF-8.</summary>
    public abstract OpenedFile OpenUnchecked(ReadOnlySpan<byte> rawName, string shownPath, FileKind kind);

    public abstract void Dispose();
}

/// <summary>Folder listings (see <see cref="IDiscoveryFileSystem"/> for what each is for).</summary>
public interface IPlatformFolders
{
    /// <summary>The entries (names passing <paramref name="include"/>, when given) and the folder's time read before them.</summary>
    List<FolderEntry> List(string folder, out DateTime? writeTime, Func<string, bool>? include = null);

    /// <summary>Subfolders, links to folders, and pyvenv.cfg: a walk's view.</summary>
    List<FolderEntry> ListFolders(string folder, bool withWriteTime, out DateTime? writeTime);

    /// <summary>Every entry's name and type from the listing (links not followed); raw bytes of a name that is not UTF-8.</summary>
    List<(string Name, EntryType Type, byte[]? RawName)> ListTyped(string folder);

    /// <summary>A folder's last write time; null when it is gone or not a folder.</summary>
    DateTime? WriteTimeOf(string folder);
}

/// <summary>Writes a repair makes whose behaviour differs per OS.</summary>
public interface IPlatformWrites
{
    /// <summary>Atomically replaces <paramref name="to"/> by <paramref name="from"/> (a file or a link, never followed).</summary>
    void Rename(string from, string to);

    /// <summary>Makes <paramref name="newPath"/> a second name of <paramref name="existing"/>; false when not possible (callers copy).</summary>
    bool TryHardLink(string existing, string newPath);

    /// <summary>True when a file this process makes would already have this owner (no chown needed).</summary>
    bool IsOurs(uint uid, uint gid);

    /// <summary>Gives <paramref name="path"/> this owner, when permitted; silently keeps ours otherwise.</summary>
    void TrySetOwner(string path, uint uid, uint gid);

    /// <summary>True where files carry POSIX permission bits (not Windows).</summary>
    bool HasUnixModes { get; }

    /// <summary>Sets the permission bits where there are any (a no-op on Windows).</summary>
    void SetMode(string path, UnixFileMode mode);

    /// <inheritdoc cref="SetMode(string, UnixFileMode)"/>
    void SetMode(SafeFileHandle handle, UnixFileMode mode);

    /// <summary>The permission bits; on Windows 0644 (0444 read-only), as Python's os.stat reports them there.</summary>
    UnixFileMode GetMode(string path);
}
