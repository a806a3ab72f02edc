using System.IO.Enumeration;
using System.Text;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Discovery.FileSystem;

/// <summary>The real disk. Listings use <see cref="FileSystemEnumerable{TResult}"/>, which reads the entry type from
/// the directory itself (no stat per entry except for links).</summary>
public sealed class PhysicalFileSystem : IDiscoveryFileSystem
{
    public static readonly PhysicalFileSystem Instance = new();

    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    public IReadOnlyList<FolderEntry> List(string folder)
    {
        if (LinuxDirectoryReader.IsSupported) return LinuxDirectoryReader.List(folder);
        var listing = new FileSystemEnumerable<FolderEntry>(folder,
            (ref FileSystemEntry e) =>
            {
                // Attributes costs an lstat per entry on Unix; only folders need to know whether they are links.
                var isDirectory = e.IsDirectory;
                var isLink = isDirectory && (e.Attributes & FileAttributes.ReparsePoint) != 0;
                return new FolderEntry(e.FileName.ToString(), isDirectory, isLink);
            }, ListOptions);
        return listing.ToList();
    }

    public IReadOnlyList<FolderEntry> List(string folder, Func<string, bool> include) =>
        LinuxDirectoryReader.IsSupported ? LinuxDirectoryReader.List(folder, out _, include) : List(folder).Where(e => include(e.Name)).ToList();

    public (IReadOnlyList<FolderEntry> Entries, DateTime? WriteTime) ListWithWriteTime(string folder)
    {
        if (LinuxDirectoryReader.IsSupported)
        {
            var entries = LinuxDirectoryReader.List(folder, out var writeTime);
            return (entries, writeTime);
        }
        var time = FolderWriteTime(folder);
        return (List(folder), time);
    }

    public (IReadOnlyList<FolderEntry> Entries, DateTime? WriteTime) ListForWalk(string folder, bool withWriteTime)
    {
        if (!LinuxDirectoryReader.IsSupported)
        {
            var (entries, time) = withWriteTime ? ListWithWriteTime(folder) : (List(folder), null);
            return (IDiscoveryFileSystem.WalkView(entries), time);
        }
        var found = LinuxDirectoryReader.ListFolders(folder, withWriteTime, out var writeTime);
        return (found, writeTime);
    }

    public string? ResolveRealPath(string path) => RealPath.Resolve(path);

    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public string? ReadHead(string path, FileKind kind, int maxBytes)
    {
        var read = WorkspaceFile.ReadPrefix(path, kind, maxBytes);
        return read.Refusal switch
        {
            FileRefusal.None => read.Bytes!.Length == 0 ? null : Encoding.UTF8.GetString(read.Bytes),
            FileRefusal.Missing => null,
            _ => throw new FileRefusedException(read),
        };
    }

    public DateTime? FolderWriteTime(string path)
    {
        if (LinuxDirectoryReader.IsSupported) return LinuxDirectoryReader.WriteTimeOf(path);
        var info = new DirectoryInfo(path);
        return info.Exists ? info.LastWriteTimeUtc : null;
    }
}
