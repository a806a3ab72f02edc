// File.SetUnixFileMode is Unix-only; this class is only made on Linux (Host.Select).
#pragma warning disable CA1416
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VenvDoctor.Core.Platform.Linux;

/// <summary>
/// The few POSIX calls .NET does not expose: rename(2) of a link (File.Move refuses a symlink to a folder as its
/// source, which is exactly what lib64 is), hard links, and reading/setting a file's owner. Written by hand because
/// no package available here wraps them, and they are five calls.
/// </summary>
internal sealed class LinuxWrites : IPlatformWrites
{
    public void Rename(string from, string to)
    {
        if (rename(from, to) != 0)
            throw new IOException($"Cannot rename {from} to {to}: {Marshal.GetLastPInvokeErrorMessage()}", Marshal.GetLastPInvokeError());
    }

    public bool TryHardLink(string existing, string newPath) => link(existing, newPath) == 0;

    public bool IsOurs(uint uid, uint gid) => uid == geteuid() && gid == getegid();

    public void TrySetOwner(string path, uint uid, uint gid) => _ = lchown(path, uid, gid);

    public bool HasUnixModes => true;

    public void SetMode(string path, UnixFileMode mode) => File.SetUnixFileMode(path, mode);

    public void SetMode(SafeFileHandle handle, UnixFileMode mode) => File.SetUnixFileMode(handle, mode);

    public UnixFileMode GetMode(string path) => File.GetUnixFileMode(path);

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
