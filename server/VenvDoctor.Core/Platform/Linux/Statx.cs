using System.Runtime.InteropServices;
using VenvDoctor.Core.Discovery.FileSystem;

namespace VenvDoctor.Core.Platform.Linux;

/// <summary>
/// One statx(2) call: a path's (or an open descriptor's) kind, permission bits, owner and last-write time.
/// Why statx and not stat/lstat/fstat: glibc exports those three only from 2.33 on (before, they were inline wrappers
/// around <c>__xstat</c> and friends), so binding them fails on Debian 11 / Ubuntu 20.04 (glibc 2.31), which the
/// sidecar supports; <c>statx</c> is exported from glibc 2.28 on, and its buffer has one layout on every
/// architecture. Why native at all: .NET has no call for a file's owner, and its FileSystemInfo costs a path
/// normalisation and an allocation per call where the walk asks tens of thousands of times.
/// </summary>
internal static partial class Statx
{
    private static bool missing;

    /// <summary>Status of <paramref name="path"/>; of a final symlink itself unless <paramref name="followLinks"/>.</summary>
    public static FileStatus.Outcome Query(string path, bool followLinks, out FileStatus.Info info) =>
        Call(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, out info);

    /// <summary>Status of an open descriptor (what fstat did): no second lookup of its path.</summary>
    public static FileStatus.Outcome Query(int fd, out FileStatus.Info info) => Call(fd, "", AtEmptyPath, out info);

    private static FileStatus.Outcome Call(int dirfd, string path, int flags, out FileStatus.Info info)
    {
        info = default;
        if (missing) return FileStatus.Outcome.Unsupported;
        Span<byte> buf = stackalloc byte[BufferSize];
        try
        {
            if (statx(dirfd, path, flags, Wanted, ref MemoryMarshal.GetReference(buf)) == 0)
            {
                var seconds = BitConverter.ToInt64(buf[MtimeOffset..]);
                var nanoseconds = BitConverter.ToUInt32(buf[(MtimeOffset + 8)..]);
                info = new FileStatus.Info(BitConverter.ToUInt16(buf[ModeOffset..]), BitConverter.ToUInt32(buf[UidOffset..]),
                    BitConverter.ToUInt32(buf[GidOffset..]),
                    DateTime.UnixEpoch.AddTicks(seconds * TimeSpan.TicksPerSecond + nanoseconds / 100),
                    BitConverter.ToInt64(buf[SizeOffset..]),
                    (ulong)BitConverter.ToUInt32(buf[DevMajorOffset..]) << 32 | BitConverter.ToUInt32(buf[(DevMajorOffset + 4)..]));
                return FileStatus.Outcome.Found;
            }
            // A kernel before 4.11, or a sandbox that filters the call: the caller's managed fallback answers.
            if (Marshal.GetLastPInvokeError() != ENOSYS) return FileStatus.Outcome.NotFound;
        }
        catch (EntryPointNotFoundException) { } // glibc before 2.28, or not glibc
        missing = true;
        return FileStatus.Outcome.Unsupported;
    }

    // struct statx (linux/stat.h), the same on every architecture: stx_uid at 20, stx_gid at 24, stx_mode (16 bits)
    // at 28, stx_size at 40, stx_mtime (64-bit seconds, 32-bit nanoseconds) at 112, stx_dev_major and stx_dev_minor
    // (always filled, whatever the mask) at 136 and 140.
    private const int BufferSize = 256, UidOffset = 20, GidOffset = 24, ModeOffset = 28, SizeOffset = 40, MtimeOffset = 112, DevMajorOffset = 136;
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000, ENOSYS = 38;
    private const uint Wanted = 0x1 | 0x2 | 0x8 | 0x10 | 0x40 | 0x200; // STATX_TYPE | MODE | UID | GID | MTIME | SIZE

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, ref byte buffer);
}
