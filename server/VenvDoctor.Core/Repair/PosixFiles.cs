// POSIX-only by design (link, rename, lchown); the Windows branch is never taken on the hosts the engine runs on.
#pragma warning disable CA1416
using System.Runtime.InteropServices;
using VenvDoctor.Core.Discovery.FileSystem;

namespace VenvDoctor.Core.Repair;

/// <summary>
/// The few POSIX calls .NET does not expose: hard links, and reading/setting a file's owner. (Real paths:
/// <see cref="Anatomy.PathResolver.RealPath"/>.)
/// Written by hand because no package available here wraps them, and they are four calls.
/// </summary>
internal static class PosixFiles
{
    /// <summary>Makes <paramref name="newPath"/> a second name of <paramref name="existing"/>; false when the filesystem refuses.</summary>
    public static bool TryHardLink(string existing, string newPath) => link(existing, newPath) == 0;

    /// <summary>What one lstat(2) says about a path (the link itself, not its target).</summary>
    public readonly record struct Status(bool Exists, bool IsLink, bool IsDirectory, bool IsFile, UnixFileMode Mode, uint Uid, uint Gid);

    /// <summary>
    /// Existence, kind, permission bits and owner of a path, not following a final link: one statx
    /// (<see cref="FileStatus"/>; not lstat, which glibc 2.31 does not export). Falls back to .NET calls (owner
    /// unknown: 0) where statx is missing.
    /// </summary>
    public static Status Lstat(string path)
    {
        switch (FileStatus.Query(path, followLinks: false, out var s))
        {
            case FileStatus.Outcome.Found:
                return new Status(true, s.IsLink, s.IsDirectory, s.IsFile, (UnixFileMode)(s.Mode & 0xFFF), s.Uid, s.Gid);
            case FileStatus.Outcome.NotFound:
                return default;
        }
        var info = new FileInfo(path);
        var isLink = info.LinkTarget is not null;
        var exists = isLink || Path.Exists(path);
        return new Status(exists, isLink, !isLink && Directory.Exists(path), !isLink && info.Exists,
            exists && !isLink && !Platform.Host.IsWindows ? File.GetUnixFileMode(path) : 0, 0, 0);
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

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc")]
    private static extern uint getegid();

    [DllImport("libc", SetLastError = true)]
    private static extern int lchown(string path, uint owner, uint group);
}
