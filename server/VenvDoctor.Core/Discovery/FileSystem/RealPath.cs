using System.Runtime.InteropServices;

namespace VenvDoctor.Core.Discovery.FileSystem;

/// <summary>
/// realpath(3): every linked component resolved. .NET only resolves the last component of a path
/// (<see cref="FileSystemInfo.ResolveLinkTarget"/>), and a link target may itself pass through linked folders, so on
/// Unix we ask libc. A loop (ELOOP) throws <see cref="IOException"/>; a dangling path returns null.
/// </summary>
internal static partial class RealPath
{
    public static string? Resolve(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new DirectoryInfo(path);
            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
            return target is not null && (Directory.Exists(target.FullName) || File.Exists(target.FullName)) ? target.FullName : null;
        }
        var result = realpath(path, IntPtr.Zero);
        if (result == IntPtr.Zero)
        {
            var errno = Marshal.GetLastPInvokeError();
            const int ENOENT = 2, ENOTDIR = 20, ELOOP_LINUX = 40, ELOOP_MAC = 62;
            if (errno is ENOENT or ENOTDIR) return null;
            if (errno is ELOOP_LINUX or ELOOP_MAC) throw new IOException($"symlink loop at {path}");
            throw new IOException($"cannot resolve {path} (errno {errno})");
        }
        try { return Marshal.PtrToStringUTF8(result); }
        finally { free(result); }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void free(IntPtr ptr);
}
