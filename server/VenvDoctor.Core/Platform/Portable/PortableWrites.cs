// Mode calls run only where HasUnixModes (not Windows); the analyzer cannot see that guard.
#pragma warning disable CA1416
using Microsoft.Win32.SafeHandles;

namespace VenvDoctor.Core.Platform.Portable;

/// <summary>
/// Writes on .NET's own calls. No owner is read or set (every file counts as ours); no hard links (callers copy);
/// permission bits only where the OS has them.
/// </summary>
public sealed class PortableWrites(HostOs os) : IPlatformWrites
{
    /// <summary>
    /// A file: MoveFileEx with REPLACE_EXISTING on Windows, rename(2) on a Unix, both atomic for a reader. A folder or
    /// a link to one is moved as itself (never followed); .NET has no rename over an existing folder link, so such a
    /// link is removed first (not atomic: lib64, the only one a repair replaces, is a POSIX-layout link).
    /// </summary>
    public void Rename(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            File.Move(from, to, overwrite: true);
            return;
        }
        if (new FileInfo(to).LinkTarget is not null)
        {
            if (Directory.Exists(to)) Directory.Delete(to);   // the link itself, never what it leads to
            else File.Delete(to);
        }
        Directory.Move(from, to);
    }

    public bool TryHardLink(string existing, string newPath) => false;

    public bool IsOurs(uint uid, uint gid) => true;

    public void TrySetOwner(string path, uint uid, uint gid) { }

    public bool HasUnixModes => os != HostOs.Windows;

    public void SetMode(string path, UnixFileMode mode)
    {
        if (HasUnixModes) File.SetUnixFileMode(path, mode);
    }

    public void SetMode(SafeFileHandle handle, UnixFileMode mode)
    {
        if (HasUnixModes) File.SetUnixFileMode(handle, mode);
    }

    public UnixFileMode GetMode(string path)
    {
        if (HasUnixModes) return File.GetUnixFileMode(path);
        var mode = (UnixFileMode)0b110_100_100;
        return (File.GetAttributes(path) & FileAttributes.ReadOnly) != 0 ? mode & ~UnixFileMode.UserWrite : mode;
    }
}
