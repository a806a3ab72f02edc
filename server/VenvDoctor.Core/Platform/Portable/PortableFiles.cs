using Microsoft.Win32.SafeHandles;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Discovery.FileSystem;

namespace VenvDoctor.Core.Platform.Portable;

/// <summary>
/// The reading side on .NET's own calls (Windows, macOS). What .NET can tell, it checks: a folder, a device
/// (<see cref="FileAttributes.Device"/>) or a link that dangles or loops is refused before anything is opened; files
/// are opened with <c>FileShare.ReadWrite | FileShare.Delete</c> so reading never stops a user saving or deleting.
/// What it cannot: on a Unix (macOS), .NET does not say whether a name is a FIFO, socket or device (their
/// attributes read "Normal"), and opening a FIFO blocks; such files have size 0, so a file of size 0 is not
/// opened there but read as empty (a regular empty file reads the same). Windows has no FIFOs under ordinary names.
/// </summary>
public sealed class PortableFiles(HostOs os) : IPlatformFiles
{
    private const FileShare Shared = FileShare.ReadWrite | FileShare.Delete;
    private const uint Regular = 0x8000, Folder = 0x4000, Link = 0xA000, CharDevice = 0x2000;

    public FileStatus.Outcome Status(string path, bool followLinks, out FileStatus.Info info)
    {
        info = default;
        try
        {
            FileSystemInfo entry = new FileInfo(path);
            if ((int)entry.Attributes == -1) return FileStatus.Outcome.NotFound;
            var isLink = entry.LinkTarget is not null;
            if (isLink && followLinks)
            {
                // The final target, or nothing: a dangling link or a loop has no status when followed (as stat(2)).
                if (RealPath(path) is not { } real) return FileStatus.Outcome.NotFound;
                entry = new FileInfo(real);
                if ((int)entry.Attributes == -1) return FileStatus.Outcome.NotFound;
                isLink = false;
            }
            var attributes = entry.Attributes;
            var kind = isLink ? Link : (attributes & FileAttributes.Directory) != 0 ? Folder
                : (attributes & FileAttributes.Device) != 0 ? CharDevice : Regular;
            var size = kind == Regular ? ((FileInfo)entry).Length : 0;
            info = new FileStatus.Info(kind | ((uint)ModeOf(entry, kind) & 0xFFF), 0, 0, entry.LastWriteTimeUtc, size);
            return FileStatus.Outcome.Found;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return FileStatus.Outcome.NotFound; }
    }

    /// <summary>
    /// POSIX bits where there are any (.NET says -1 for a dangling link: hence the mask at the caller); on Windows what
    /// Python's os.stat makes of the read-only attribute.
    /// </summary>
    private UnixFileMode ModeOf(FileSystemInfo entry, uint kind)
    {
        if (os != HostOs.Windows) return entry.UnixFileMode;
        var all = kind == Folder ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100;
        return (entry.Attributes & FileAttributes.ReadOnly) != 0 ? all & ~(UnixFileMode.UserWrite) : all;
    }

    /// <summary>Each component's link read by .NET (<see cref="PathResolver.Walk"/>); a loop throws, as realpath(3)'s ELOOP.</summary>
    public string? RealPath(string path)
    {
        var (at, outcome) = PathResolver.Walk(Path.GetFullPath(path));
        return outcome switch
        {
            PathResolver.WalkOutcome.Resolved => at,
            PathResolver.WalkOutcome.Loop => throw new IOException($"symlink loop at {path}"),
            _ => null,
        };
    }

    public OpenedFile? Open(string path, FileKind kind, out FileRead? refusal)
    {
        refusal = Refusal(path, kind, out var size);
        if (refusal is not null) return null;
        try { return OpenHandle(path, kind, size); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            refusal = RefusalOf(e, path, kind);
            return null;
        }
    }

    /// <summary>Everything .NET can tell before opening: missing, a folder, a device, a link that dangles or loops.</summary>
    private FileRead? Refusal(string path, FileKind kind, out long size)
    {
        size = -1;
        var entry = new FileInfo(path);
        if ((int)entry.Attributes == -1) return new FileRead(path, kind, null, FileRefusal.Missing);
        if (entry.LinkTarget is not null)
        {
            try { if (RealPath(path) is null) return new FileRead(path, kind, null, FileRefusal.Missing); }
            catch (IOException) { return new FileRead(path, kind, null, FileRefusal.NotRegular, "a loop of symlinks"); }
        }
        if (Status(path, followLinks: true, out var status) != FileStatus.Outcome.Found) return new FileRead(path, kind, null, FileRefusal.Missing);
        if (!status.IsFile) return new FileRead(path, kind, null, FileRefusal.NotRegular, status.KindName);
        size = status.Size;
        return null;
    }

    public OpenedFile OpenUnchecked(string path, FileKind kind)
    {
        try { return OpenHandle(path, kind, os == HostOs.Windows ? -1 : new FileInfo(path).Length); }
        catch (Exception e) when (e is (IOException or UnauthorizedAccessException) and not FileRefusedException)
        {
            throw new FileRefusedException(RefusalOf(e, path, kind));
        }
    }

    /// <summary>No folder handles here: files are opened by their full path.</summary>
    public OpenedFolder? OpenFolder(string path) => null;

    private OpenedFile OpenHandle(string path, FileKind kind, long size)
    {
        if (os != HostOs.Windows && size == 0) return new Empty(path, kind);   // perhaps a FIFO: never opened (see the class)
        return new Handle(path, kind, File.OpenHandle(path, FileMode.Open, FileAccess.Read, Shared), size);
    }

    private static FileRead RefusalOf(Exception e, string path, FileKind kind) => e switch
    {
        FileRefusedException refused => refused.Read,
        FileNotFoundException or DirectoryNotFoundException => new FileRead(path, kind, null, FileRefusal.Missing),
        UnauthorizedAccessException when Directory.Exists(path) => new FileRead(path, kind, null, FileRefusal.NotRegular, "a folder"),
        UnauthorizedAccessException => new FileRead(path, kind, null, FileRefusal.Unreadable, "permission denied"),
        _ => new FileRead(path, kind, null, FileRefusal.Unreadable, e.Message),
    };

    private sealed class Handle(string path, FileKind kind, SafeFileHandle handle, long length) : OpenedFile(path, kind, length)
    {
        public override int Read(Span<byte> buffer, long offset)
        {
            try { return RandomAccess.Read(handle, buffer, offset); }
            catch (Exception e) when (e is (IOException or UnauthorizedAccessException or NotSupportedException) and not FileRefusedException)
            {
                throw new FileRefusedException(new FileRead(Path, Kind, null, FileRefusal.Unreadable, e.Message));
            }
        }

        public override void Dispose() => handle.Dispose();
    }

    private sealed class Empty(string path, FileKind kind) : OpenedFile(path, kind, 0)
    {
        public override int Read(Span<byte> buffer, long offset) => 0;
        public override void Dispose() { }
    }
}
