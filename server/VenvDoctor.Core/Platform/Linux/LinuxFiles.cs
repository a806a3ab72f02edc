using System.Runtime.InteropServices;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Platform.Portable;

namespace VenvDoctor.Core.Platform.Linux;

/// <summary>
/// Linux's reading side: statx for status, realpath(3), and the one open sequence of every bounded read — statx the
/// name, open(2) with O_NONBLOCK|O_CLOEXEC|O_NOCTTY (a FIFO never blocks the open, a terminal never becomes ours),
/// statx the descriptor, refuse what is not a regular file — then pread(2). Written by hand because .NET's
/// <c>File.OpenHandle</c> adds an fstat and an flock/unlock pair to every open (6 calls instead of 3), which doubles
/// the cost of reading thousands of console-script headers, and cannot open without blocking on a FIFO.
/// </summary>
internal sealed partial class LinuxFiles : IPlatformFiles
{
    // The same on x86-64 and arm64 (O_DIRECTORY is not: it is left out, a folder opened is one just listed).
    private const int ORdOnly = 0, ONonBlock = 0x800, OCloExec = 0x80000, ONoCtty = 0x100;
    private const int ReadFlags = ORdOnly | ONonBlock | OCloExec | ONoCtty;
    private const int ENOENT = 2, ENXIO = 6, EINTR = 4, EACCES = 13, ENOTDIR = 20, EISDIR = 21, ELOOP = 40;

    /// <summary>Where statx is missing (a kernel before 4.11, a sandbox filtering it): .NET's answer, owner unknown.</summary>
    private readonly PortableFiles fallback = new(HostOs.Linux);

    public FileStatus.Outcome Status(string path, bool followLinks, out FileStatus.Info info)
    {
        var outcome = Statx.Query(path, followLinks, out info);
        return outcome == FileStatus.Outcome.Unsupported ? fallback.Status(path, followLinks, out info) : outcome;
    }

    public string? RealPath(string path)
    {
        var result = realpath(path, IntPtr.Zero);
        if (result == IntPtr.Zero)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR) return null;
            if (errno == ELOOP) throw new IOException($"symlink loop at {path}");
            throw new IOException($"cannot resolve {path} (errno {errno})");
        }
        try { return Marshal.PtrToStringUTF8(result); }
        finally { free(result); }
    }

    public OpenedFile? Open(string path, FileKind kind, out FileRead? refusal)
    {
        refusal = null;
        // Look before opening, so a device or FIFO is never even opened (opening some devices acts on them).
        if (Statx.Query(path, followLinks: true, out var named) == FileStatus.Outcome.Found && !named.IsFile)
        {
            refusal = new FileRead(path, kind, null, FileRefusal.NotRegular, named.KindName);
            return null;
        }
        var fd = open(path, ReadFlags);
        if (fd < 0)
        {
            refusal = Refused(path, kind, Marshal.GetLastPInvokeError());
            return null;
        }
        // What was opened is what counts: the name may have been swapped for a FIFO since it was looked at.
        var opened = Statx.Query(fd, out var status);
        if (opened == FileStatus.Outcome.Found && !status.IsFile)
        {
            close(fd);
            refusal = new FileRead(path, kind, null, FileRefusal.NotRegular, status.KindName);
            return null;
        }
        return new Descriptor(path, kind, fd, opened == FileStatus.Outcome.Found ? status.Size : -1);
    }

    public OpenedFile OpenUnchecked(string path, FileKind kind) => Opened(open(path, ReadFlags), path, kind);

    public OpenedFolder? OpenFolder(string path)
    {
        var fd = open(path, ORdOnly | OCloExec);
        return fd < 0 ? null : new Folder(fd);
    }

    private static OpenedFile Opened(int fd, string shownPath, FileKind kind) =>
        fd >= 0 ? new Descriptor(shownPath, kind, fd, -1) : throw new FileRefusedException(Refused(shownPath, kind, Marshal.GetLastPInvokeError()));

    private static FileRead Refused(string path, FileKind kind, int errno) => errno switch
    {
        ENOENT or ENOTDIR => new FileRead(path, kind, null, FileRefusal.Missing),
        ENXIO => new FileRead(path, kind, null, FileRefusal.NotRegular, "a socket"),
        EISDIR => new FileRead(path, kind, null, FileRefusal.NotRegular, "a folder"),
        EACCES => new FileRead(path, kind, null, FileRefusal.Unreadable, "permission denied"),
        ELOOP => new FileRead(path, kind, null, FileRefusal.NotRegular, "a loop of symlinks"),
        _ => new FileRead(path, kind, null, FileRefusal.Unreadable, Marshal.GetPInvokeErrorMessage(errno)),
    };

    /// <summary>An open descriptor read with pread(2); pread on a FIFO or socket fails at once (ESPIPE).</summary>
    private sealed class Descriptor(string path, FileKind kind, int fd, long length) : OpenedFile(path, kind, length)
    {
        private int fd = fd;

        public override unsafe int Read(Span<byte> buffer, long offset)
        {
            nint n;
            do
            {
                fixed (byte* p = buffer) n = pread(fd, p, buffer.Length, offset);
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == EINTR);
            return n >= 0 ? (int)n : throw new FileRefusedException(Refused(Path, Kind, Marshal.GetLastPInvokeError()));
        }

        public override void Dispose()
        {
            if (fd >= 0) close(fd);
            fd = -1;
        }
    }

    /// <summary>
    /// A folder held open so that the files in it are opened by name (openat(2)): the kernel then looks up one name
    /// per file, not every folder of the path from the root. For the thousands of scripts in one bin/, that lookup
    /// was the largest single cost of a warm diagnosis.
    /// </summary>
    private sealed class Folder(int fd) : OpenedFolder
    {
        private int fd = fd;

        public override OpenedFile OpenUnchecked(string name, string shownPath, FileKind kind) => Opened(openat(fd, name, ReadFlags), shownPath, kind);

        public override unsafe OpenedFile OpenUnchecked(ReadOnlySpan<byte> rawName, string shownPath, FileKind kind)
        {
            Span<byte> name = stackalloc byte[rawName.Length + 1];
            rawName.CopyTo(name);
            name[^1] = 0;
            fixed (byte* n = name) return Opened(openatRaw(fd, n, ReadFlags), shownPath, kind);
        }

        public override void Dispose()
        {
            if (fd >= 0) close(fd);
            fd = -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void free(IntPtr ptr);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int openat(int dirFd, string name, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    private static unsafe partial int openatRaw(int dirFd, byte* name, int flags);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static unsafe partial nint pread(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);
}
