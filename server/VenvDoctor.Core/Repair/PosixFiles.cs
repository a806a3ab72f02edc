// POSIX-only by design (statx, link, rename); the Windows branch is never taken on the hosts the engine runs on.
#pragma warning disable CA1416
using System.Runtime.InteropServices;

namespace VenvDoctor.Core.Repair;

/// <summary>
/// The few POSIX calls .NET does not expose: realpath, hard links, and reading/setting a file's owner.
/// Written by hand because no package available here wraps them, and they are four calls.
/// </summary>
internal static class PosixFiles
{
    /// <summary>The path with every symlink resolved, or null when it does not exist (or loops).</summary>
    public static string? RealPath(string path)
    {
        var p = realpath(path, IntPtr.Zero);
        if (p == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(p); }
        finally { free(p); }
    }

    /// <summary>Makes <paramref name="newPath"/> a second name of <paramref name="existing"/>; false when the filesystem refuses.</summary>
    public static bool TryHardLink(string existing, string newPath) => link(existing, newPath) == 0;

    /// <summary>What one lstat(2) says about a path (the link itself, not its target).</summary>
    public readonly record struct Status(bool Exists, bool IsLink, bool IsDirectory, bool IsFile, UnixFileMode Mode, uint Uid, uint Gid);

    /// <summary>
    /// One statx(2) call that does not follow a final link: existence, kind, permission bits and owner. Why statx and
    /// not lstat: glibc exports <c>lstat</c> only from 2.33 on (before, it was an inline wrapper around
    /// <c>__lxstat</c>), so binding it fails on Debian 11 / Ubuntu 20.04 (glibc 2.31), which the sidecar supports;
    /// <c>statx</c> is exported from glibc 2.28 on, and its buffer has one layout on every architecture. .NET has no
    /// call for a file's owner, which is why this is native at all. Falls back to .NET calls (owner unknown: 0) where
    /// statx is missing (not Linux, or a kernel/sandbox that refuses it).
    /// </summary>
    public static Status Lstat(string path)
    {
        if (OperatingSystem.IsLinux() && !statxMissing)
        {
            Span<byte> buf = stackalloc byte[StatxSize];
            try
            {
                if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxWanted, ref MemoryMarshal.GetReference(buf)) == 0)
                {
                    var mode = BitConverter.ToUInt16(buf[StatxModeOffset..]);
                    var type = mode & 0xF000;
                    return new Status(true, type == 0xA000, type == 0x4000, type == 0x8000, (UnixFileMode)(mode & 0xFFF),
                        BitConverter.ToUInt32(buf[StatxUidOffset..]), BitConverter.ToUInt32(buf[StatxGidOffset..]));
                }
                if (Marshal.GetLastPInvokeError() != ENOSYS) return default;
            }
            catch (EntryPointNotFoundException) { }
            statxMissing = true;
        }
        var info = new FileInfo(path);
        var isLink = info.LinkTarget is not null;
        var exists = isLink || Path.Exists(path);
        return new Status(exists, isLink, !isLink && Directory.Exists(path), !isLink && info.Exists,
            exists && !isLink ? File.GetUnixFileMode(path) : 0, 0, 0);
    }

    // struct statx (linux/stat.h), the same on every architecture: stx_uid at 20, stx_gid at 24, stx_mode (16 bits) at 28.
    private const int StatxSize = 256, StatxUidOffset = 20, StatxGidOffset = 24, StatxModeOffset = 28;
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, ENOSYS = 38;
    private const uint StatxWanted = 0x1 | 0x2 | 0x8 | 0x10; // STATX_TYPE | STATX_MODE | STATX_UID | STATX_GID
    private static bool statxMissing;

    /// <summary>Owner and group of a path (not following a final symlink); null when it does not exist.</summary>
    public static (uint Uid, uint Gid)? Owner(string path) => Lstat(path) is { Exists: true } s ? (s.Uid, s.Gid) : null;

    /// <summary>True when a new file made by this process would already have this owner (no chown needed).</summary>
    public static bool IsOurs((uint Uid, uint Gid) owner) => !OperatingSystem.IsLinux() || (owner.Uid == geteuid() && owner.Gid == getegid());

    /// <summary>Gives <paramref name="path"/> the owner it had before; silently keeps ours when not permitted.</summary>
    public static void TrySetOwner(string path, (uint Uid, uint Gid)? owner)
    {
        if (owner is not { } o || IsOurs(o)) return;
        _ = lchown(path, o.Uid, o.Gid);
    }

    /// <summary>
    /// rename(2): atomically replaces <paramref name="to"/> (a file or a symlink, never followed). File.Move refuses
    /// a symlink to a folder as its source, which is exactly what lib64 is.
    /// </summary>
    public static void Rename(string from, string to)
    {
        if (rename(from, to) != 0)
            throw new IOException($"Cannot rename {from} to {to}: {Marshal.GetLastPInvokeErrorMessage()}", Marshal.GetLastPInvokeError());
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int rename(string oldpath, string newpath);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath(string path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr p);

    [DllImport("libc", SetLastError = true)]
    private static extern int link(string oldpath, string newpath);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, string path, int flags, uint mask, ref byte buf);

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc")]
    private static extern uint getegid();

    [DllImport("libc", SetLastError = true)]
    private static extern int lchown(string path, uint owner, uint group);
}
