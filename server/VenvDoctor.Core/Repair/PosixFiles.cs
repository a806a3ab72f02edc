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

    /// <summary>Owner and group of a path (not following a final symlink); null where the stat layout is not known.</summary>
    public static (uint Uid, uint Gid)? Owner(string path)
    {
        var (uidOffset, gidOffset) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (28, 32),
            Architecture.Arm64 => (24, 28),
            _ => (-1, -1),
        };
        if (uidOffset < 0 || !OperatingSystem.IsLinux()) return null;
        var buf = new byte[256];
        if (lstat(path, buf) != 0) return null;
        return (BitConverter.ToUInt32(buf, uidOffset), BitConverter.ToUInt32(buf, gidOffset));
    }

    /// <summary>Gives <paramref name="path"/> the owner it had before; silently keeps ours when not permitted.</summary>
    public static void TrySetOwner(string path, (uint Uid, uint Gid)? owner)
    {
        if (owner is not { } o) return;
        var now = Owner(path);
        if (now == owner) return;
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
    private static extern int lstat(string path, byte[] buf);

    [DllImport("libc", SetLastError = true)]
    private static extern int lchown(string path, uint owner, uint group);
}
