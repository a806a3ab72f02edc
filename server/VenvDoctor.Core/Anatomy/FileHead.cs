using System.Runtime.InteropServices;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// Reads the first bytes of a file with the fewest system calls. Written by hand because .NET's
/// <c>File.OpenHandle</c> adds an fstat and an flock/unlock pair to every open (6 calls instead of 3), which
/// doubles the cost of reading thousands of console-script headers. On Linux this is open/pread/close
/// (O_NONBLOCK so a FIFO in bin/ never blocks the scan); elsewhere it falls back to <c>RandomAccess</c>.
/// </summary>
internal static partial class FileHead
{
    private const int ORdOnly = 0, ONonBlock = 0x800, OCloExec = 0x80000;

    /// <summary>Fills <paramref name="buffer"/> from offset 0; returns the bytes read. Throws IOException when the file cannot be read.</summary>
    public static int Read(string path, Span<byte> buffer)
    {
        if (!OperatingSystem.IsLinux()) return ReadPortable(path, buffer);
        var fd = Open(path, ORdOnly | ONonBlock | OCloExec);
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

    private static int ReadPortable(string path, Span<byte> buffer)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return RandomAccess.Read(handle, buffer, 0);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static unsafe partial nint PRead(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
