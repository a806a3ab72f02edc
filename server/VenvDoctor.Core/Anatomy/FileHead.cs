using System.Runtime.InteropServices;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// Reads the first bytes of a file with the fewest system calls. Written by hand because .NET's
/// <c>File.OpenHandle</c> adds an fstat and an flock/unlock pair to every open (6 calls instead of 3), which
/// doubles the cost of reading thousands of console-script headers. On Linux this is open/pread/close
/// (O_NONBLOCK so a FIFO in bin/ never blocks the scan); elsewhere it falls back to <c>RandomAccess</c>.
/// </summary>
public static partial class FileHead
{
    // The same on x86-64 and arm64 (O_DIRECTORY is not: it is left out, the folder was just listed as one).
    private const int ORdOnly = 0, ONonBlock = 0x800, OCloExec = 0x80000;

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
            var fd = FileHead.Open(path, ORdOnly | OCloExec);
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
            fd = Open(path, ORdOnly | ONonBlock | OCloExec);
            if (fd < 0) throw new IOException($"cannot open {path} (errno {Marshal.GetLastPInvokeError()})");
        }

        /// <summary>Reads up to <paramref name="buffer"/>'s length at <paramref name="offset"/>; returns the bytes read (fewer at the end).</summary>
        public int Read(Span<byte> buffer, long offset)
        {
            if (handle is not null) return RandomAccess.Read(handle, buffer, offset);
            unsafe
            {
                fixed (byte* p = buffer)
                {
                    var n = PRead(fd, p, (nint)buffer.Length, offset);
                    if (n < 0) throw new IOException($"cannot read {path} (errno {Marshal.GetLastPInvokeError()})");
                    return (int)n;
                }
            }
        }

        public void Dispose()
        {
            handle?.Dispose();
            if (fd >= 0) Close(fd);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from offset 0; returns the bytes read. Throws IOException when the file cannot be read.</summary>
    /// <param name="folder">The file's folder, held open (<see cref="Folder"/>): the file is opened by its name in it.</param>
    public static int Read(string path, Span<byte> buffer, Folder? folder = null)
    {
        if (!OperatingSystem.IsLinux()) return ReadPortable(path, buffer);
        var fd = folder is null ? Open(path, ORdOnly | ONonBlock | OCloExec) : OpenAt(folder.Fd, Path.GetFileName(path), ORdOnly | ONonBlock | OCloExec);
        if (fd < 0) throw new IOException($"cannot open {path} (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            unsafe
            {
                fixed (byte* p = buffer)
                {
                    var n = PRead(fd, p, (nint)buffer.Length, 0);
                    if (n < 0) throw new IOException($"cannot read {path} (errno {Marshal.GetLastPInvokeError()})");
                    return (int)n;
                }
            }
        }
        finally
        {
            Close(fd);
        }
    }

    /// <summary>
    /// A whole small text file, safely: a FIFO or device that carries the name fails at once (Linux) instead of
    /// blocking, and a file larger than <paramref name="maxBytes"/> is refused. UTF-8, BOM dropped, as
    /// <c>File.ReadAllText</c> gives it (so spans match).
    /// </summary>
    public static string ReadSmallText(string path, int maxBytes = 1 << 20)
    {
        var length = LengthOf(path);
        if (length > maxBytes) throw new IOException($"{path} is {length} bytes, too large to be what its name says");
        var buffer = new byte[length + 1];
        var n = Read(path, buffer);
        if (n > length) throw new IOException($"{path} grew while it was read");
        var start = n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        return System.Text.Encoding.UTF8.GetString(buffer, start, n - start);
    }

    /// <summary>As <see cref="ReadSmallText"/>, the raw bytes.</summary>
    public static byte[] ReadSmallBytes(string path, int maxBytes = 1 << 20)
    {
        var length = LengthOf(path);
        if (length > maxBytes) throw new IOException($"{path} is {length} bytes, too large to be what its name says");
        var buffer = new byte[length + 1];
        var n = Read(path, buffer);
        if (n > length) throw new IOException($"{path} grew while it was read");
        return buffer[..n];
    }

    /// <summary>The length of what a path leads to: a symlinked file (an activation script linked from elsewhere) is read as the file it names.</summary>
    private static long LengthOf(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null) return info.Length;
        return info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo { Exists: true } target ? target.Length : throw new IOException($"{path} is a symlink that does not lead to a file");
    }

    /// <summary>
    /// As <see cref="Read(string, Span{byte}, Folder?)"/>, for a file of <paramref name="folder"/> named by its raw bytes: a
    /// name that is not valid UTF-8 cannot be opened by a .NET string (it decodes lossily), only by the bytes readdir gave.
    /// </summary>
    public static int ReadRaw(Folder folder, ReadOnlySpan<byte> rawName, Span<byte> buffer, string shownPath)
    {
        Span<byte> name = stackalloc byte[rawName.Length + 1];
        rawName.CopyTo(name);
        name[^1] = 0;
        int fd;
        unsafe
        {
            fixed (byte* n = name) fd = OpenAtRaw(folder.Fd, n, ORdOnly | ONonBlock | OCloExec);
        }
        if (fd < 0) throw new IOException($"cannot open {shownPath} (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            unsafe
            {
                fixed (byte* p = buffer)
                {
                    var n = PRead(fd, p, (nint)buffer.Length, 0);
                    if (n < 0) throw new IOException($"cannot read {shownPath} (errno {Marshal.GetLastPInvokeError()})");
                    return (int)n;
                }
            }
        }
        finally
        {
            Close(fd);
        }
    }

    private static int ReadPortable(string path, Span<byte> buffer)
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
