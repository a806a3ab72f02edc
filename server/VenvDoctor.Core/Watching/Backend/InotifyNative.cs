using System.Runtime.InteropServices;

namespace VenvDoctor.Core.Watching.Backend;

/// <summary>
/// The few libc calls the inotify backend needs (Linux). Source-generated marshalling (LibraryImport), so it works
/// trimmed and costs no reflection.
/// </summary>
internal static partial class InotifyNative
{
    private const string Libc = "libc";

    // <sys/inotify.h>
    public const uint InModify = 0x2, InAttrib = 0x4, InCloseWrite = 0x8, InMovedFrom = 0x40, InMovedTo = 0x80,
        InCreate = 0x100, InDelete = 0x200, InDeleteSelf = 0x400, InMoveSelf = 0x800, InUnmount = 0x2000,
        InQOverflow = 0x4000, InIgnored = 0x8000, InOnlyDir = 0x01000000, InExclUnlink = 0x04000000, InIsDir = 0x40000000;
    public const int InNonBlock = 0x800, InCloExec = 0x80000;

    // <errno.h>
    public const int Enoent = 2, Eintr = 4, Eagain = 11, Eacces = 13, Enotdir = 20, Emfile = 24, Enospc = 28;

    public const short PollIn = 1;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport(Libc, EntryPoint = "inotify_init1", SetLastError = true)]
    public static partial int InotifyInit1(int flags);

    [LibraryImport(Libc, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport(Libc, EntryPoint = "inotify_rm_watch", SetLastError = true)]
    public static partial int InotifyRmWatch(int fd, int wd);

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Libc, EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
