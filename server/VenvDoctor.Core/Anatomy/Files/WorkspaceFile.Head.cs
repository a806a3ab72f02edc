using System.Runtime.InteropServices;

namespace VenvDoctor.Core.Anatomy.Files;

/// <summary>
/// The first bytes of a file with the fewest system calls: open/pread/close, no fstat. Written by hand because .NET's
/// <c>File.OpenHandle</c> adds an fstat and an flock/unlock pair to every open (6 calls instead of 3), which doubles
/// the cost of reading thousands of console-script headers. Bounded without a type check: the read is at most the
/// caller's buffer, O_NONBLOCK keeps a FIFO from blocking the open, and pread on a FIFO or socket fails at once
/// (ESPIPE). Elsewhere than Linux it falls back to <c>RandomAccess</c>.
/// </summary>
public static partial class WorkspaceFile
{
    // The same on x86-64 and arm64 (O_DIRECTORY is not: it is left out, the folder was just listed as one).
    private const int ORdOnly = 0, ONonBlock = 0x800, OCloExec = 0x80000, ONoCtty = 0x100;

    /// <summary>
    /// A folder held open so that the files in it are opened by name (openat(2)): the kernel then looks up one name
    /// per file, not every folder of the path from the root. For the thousands of scripts in one bin/, that lookup
    /// was the largest single cost of a warm diagnosis. Linux only; elsewhere <see cref="Open"/> returns null.
    /// </summary>
    public sealed class Folder : IDisposable
    {
        private int fd;
        private Folder(int fd) => this.fd = fd;
        internal int Fd => fd;

        /// <summary>The folder open for openat, or null (not Linux, or it cannot be opened: callers then use full paths).</summary>
        public static Folder? Open(string path)
        {
            if (!OperatingSystem.IsLinux()) return null;
            var fd = WorkspaceFile.Open(path, ORdOnly | OCloExec);
            return fd < 0 ? null : new Folder(fd);
        }

        public void Dispose()
        {
            if (fd >= 0) Close(fd);
            fd = -1;
        }
    }

    /// <summary>
    /// A file held open for a few reads at chosen offsets (a binary's header, then its dynamic section): one open,
    /// preads, one close — no fstat or lock as <c>File.OpenHandle</c> adds. Linux; elsewhere <c>RandomAccess</c>.
    /// Each read is bounded by its buffer, as <see cref="ReadHead"/>'s.
    /// </summary>
    public sealed class Positional : IDisposable
    {
        private readonly int fd = -1;
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle? handle;
        private readonly string path;

        /// <summary>Opens <paramref name="path"/> for reading (non-blocking: a FIFO never blocks). Throws IOException.</summary>
        public Positional(string path)
        {
            this.path = path;
            if (!OperatingSystem.IsLinux()) { handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete); return; }
            fd = Open(path, ORdOnly | ONonBlock | OCloExec | ONoCtty);
            if (fd < 0) throw new IOException($"cannot open {path} (errno {Marshal.GetLastPInvokeError()})");
        }

        /// <summary>Reads up to <paramref name="buffer"/>'s length at <paramref name="offset"/>; returns the bytes read (fewer at the end).</summary>
        public int Read(Span<byte> buffer, long offset)
        {
            if (handle is not null) return RandomAccess.Read(handle, buffer, offset);
            var n = PReadInto(fd, buffer, offset);
            if (n < 0) throw new IOException($"cannot read {path} (errno {Marshal.GetLastPInvokeError()})");
            return n;
        }

        public void Dispose()
        {
            handle?.Dispose();
            if (fd >= 0) Close(fd);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> (a script head: at most <see cref="FileKind.ScriptHead"/>'s cap) from offset 0; returns the bytes read. Throws IOException when the file cannot be read.</summary>
    /// <param name="folder">The file's folder, held open (<see cref="Folder"/>): the file is opened by its name in it.</param>
    public static int ReadHead(string path, Span<byte> buffer, Folder? folder = null)
    {
        if (buffer.Length > FileCaps.Of(FileKind.ScriptHead)) buffer = buffer[..FileCaps.Of(FileKind.ScriptHead)];
        if (!OperatingSystem.IsLinux()) return ReadHeadPortable(path, buffer);
        const int flags = ORdOnly | ONonBlock | OCloExec | ONoCtty;
        var fd = folder is null ? Open(path, flags) : OpenAt(folder.Fd, Path.GetFileName(path), flags);
        return ReadHeadAndClose(fd, buffer, path);
    }

    /// <summary>
    /// As <see cref="ReadHead"/>, for a file of <paramref name="folder"/> named by its raw bytes: a name that is not
    /// valid UTF-8 cannot be opened by a .NET string (it decodes lossily), only by the bytes readdir gave.
    /// </summary>
    public static int ReadHeadRaw(Folder folder, ReadOnlySpan<byte> rawName, Span<byte> buffer, string shownPath)
    {
        if (buffer.Length > FileCaps.Of(FileKind.ScriptHead)) buffer = buffer[..FileCaps.Of(FileKind.ScriptHead)];
        Span<byte> name = stackalloc byte[rawName.Length + 1];
        rawName.CopyTo(name);
        name[^1] = 0;
        int fd;
        unsafe
        {
            fixed (byte* n = name) fd = OpenAtRaw(folder.Fd, n, ORdOnly | ONonBlock | OCloExec | ONoCtty);
        }
        return ReadHeadAndClose(fd, buffer, shownPath);
    }

    /// <summary>The body both head reads share once the file is opened (<paramref name="fd"/> negative: the open failed): one pread from 0, then close.</summary>
    private static int ReadHeadAndClose(int fd, Span<byte> buffer, string shownPath)
    {
        if (fd < 0) throw new IOException($"cannot open {shownPath} (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            var n = PReadInto(fd, buffer, 0);
            if (n < 0) throw new IOException($"cannot read {shownPath} (errno {Marshal.GetLastPInvokeError()})");
            return n;
        }
        finally
        {
            Close(fd);
        }
    }

    private static int ReadHeadPortable(string path, Span<byte> buffer)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return RandomAccess.Read(handle, buffer, 0);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(int dirFd, string name, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    private static unsafe partial int OpenAtRaw(int dirFd, byte* name, int flags);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static unsafe partial nint PRead(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
