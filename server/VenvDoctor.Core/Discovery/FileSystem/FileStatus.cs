namespace VenvDoctor.Core.Discovery.FileSystem;

/// <summary>
/// A path's kind, permission bits, owner, size and last-write time, as the platform seam reads them: one statx(2) on
/// Linux (<see cref="Platform.Linux.Statx"/>), .NET's FileSystemInfo elsewhere (<see cref="Platform.Portable.PortableFiles"/>).
/// </summary>
public static class FileStatus
{
    /// <summary>
    /// What one statx says (<see cref="Kind"/>: the S_IFMT bits of the mode; <see cref="Size"/> in bytes;
    /// <see cref="Device"/>: the file system it is on, major and minor in one number, to see a mount boundary).
    /// </summary>
    public readonly record struct Info(uint Mode, uint Uid, uint Gid, DateTime WriteTimeUtc, long Size, ulong Device = 0)
    {
        public uint Kind => Mode & 0xF000;
        public bool IsDirectory => Kind == 0x4000;
        public bool IsLink => Kind == 0xA000;
        public bool IsFile => Kind == 0x8000;

        /// <summary>What a file that is not a regular one is, as a person names it ("a FIFO").</summary>
        public string KindName => Kind switch
        {
            0x1000 => "a FIFO",
            0x2000 => "a character device",
            0x4000 => "a folder",
            0x6000 => "a block device",
            0x8000 => "a regular file",
            0xA000 => "a symlink",
            0xC000 => "a socket",
            _ => "a special file",
        };
    }

    public enum Outcome { Found, NotFound, Unsupported }

    /// <summary>Status of <paramref name="path"/>; of a final symlink itself unless <paramref name="followLinks"/> (the platform's answer).</summary>
    public static Outcome Query(string path, bool followLinks, out Info info) =>
        Platform.Host.Platform.Files.Status(path, followLinks, out info);
}
