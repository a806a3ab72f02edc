// POSIX-only by design (lstat, link, rename); the Windows branch is never taken on the hosts the engine runs on.
#pragma warning disable CA1416
using System.Runtime.InteropServices;

namespace VenvDoctor.Core.Repair;

/// <summary>
/// The few POSIX calls .NET does not expose: hard links, and reading/setting a file's owner. (Real paths:
/// <see cref="Anatomy.PathResolver.RealPath"/>, the one helper for them.)
/// Written by hand because no package available here wraps them, and they are four calls.
/// </summary>
internal static class PosixFiles
{
    /// <summary>Makes <paramref name="newPath"/> a second name of <paramref name="existing"/>; false when the filesystem refuses.</summary>
    public static bool TryHardLink(string existing, string newPath) => link(existing, newPath) == 0;

    /// <summary>What one lstat(2) says about a path (the link itself, not its target).</summary>
    public readonly record struct Status(bool Exists, bool IsLink, bool IsDirectory, bool IsFile, UnixFileMode Mode, uint Uid, uint Gid);

    /// <summary>One lstat(2) call: existence, kind, permission bits and owner. Falls back to .NET calls where the stat layout is not known.</summary>
    public static Status Lstat(string path)
    {
        var (modeOffset, uidOffset, gidOffset) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (24, 28, 32),
            Architecture.Arm64 => (16, 24, 28),
            _ => (-1, -1, -1),
        };
        if (modeOffset < 0 || !OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            var isLink = info.LinkTarget is not null;
            var exists = isLink || Path.Exists(path);
            return new Status(exists, isLink, !isLink && Directory.Exists(path), !isLink && info.Exists,
                exists && !isLink ? File.GetUnixFileMode(path) : 0, 0, 0);
        }
        Span<byte> buf = stackalloc byte[256];
        if (lstat(path, ref MemoryMarshal.GetReference(buf)) != 0) return default;
        var mode = BitConverter.ToUInt32(buf[modeOffset..]);
        var type = mode & 0xF000;
        return new Status(true, type == 0xA000, type == 0x4000, type == 0x8000, (UnixFileMode)(mode & 0xFFF),
            BitConverter.ToUInt32(buf[uidOffset..]), BitConverter.ToUInt32(buf[gidOffset..]));
    }

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
    private static extern int link(string oldpath, string newpath);

    [DllImport("libc", SetLastError = true)]
    private static extern int lstat(string path, ref byte buf);

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc")]
    private static extern uint getegid();

    [DllImport("libc", SetLastError = true)]
    private static extern int lchown(string path, uint owner, uint group);
}
