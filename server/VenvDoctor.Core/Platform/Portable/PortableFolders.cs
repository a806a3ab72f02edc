using System.IO.Enumeration;
using VenvDoctor.Core.Discovery.FileSystem;

namespace VenvDoctor.Core.Platform.Portable;

/// <summary>
/// Listings with <see cref="FileSystemEnumerable{TResult}"/>, which reads the entry type from the directory itself
/// (on Windows FindFirstFileEx gives the attributes with the name; on a Unix a link costs an lstat).
/// </summary>
public sealed class PortableFolders : IPlatformFolders
{
    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    public List<FolderEntry> List(string folder, out DateTime? writeTime, Func<string, bool>? include = null)
    {
        writeTime = WriteTimeOf(folder);
        var listing = new FileSystemEnumerable<FolderEntry>(folder,
            (ref FileSystemEntry e) =>
            {
                // Attributes costs an lstat per entry on a Unix; only folders need to know whether they are links.
                var isDirectory = e.IsDirectory;
                var isLink = isDirectory && (e.Attributes & FileAttributes.ReparsePoint) != 0;
                return new FolderEntry(e.FileName.ToString(), isDirectory, isLink);
            }, ListOptions);
        if (include is not null) listing.ShouldIncludePredicate = (ref FileSystemEntry e) => include(e.FileName.ToString());
        return listing.ToList();
    }

    public List<FolderEntry> ListFolders(string folder, bool withWriteTime, out DateTime? writeTime)
    {
        var entries = List(folder, out writeTime);
        if (!withWriteTime) writeTime = null;
        return IDiscoveryFileSystem.WalkView(entries).ToList();
    }

    public List<(string Name, EntryType Type, byte[]? RawName)> ListTyped(string folder)
    {
        var listing = new FileSystemEnumerable<(string, EntryType, byte[]?)>(folder,
            (ref FileSystemEntry e) => (e.FileName.ToString(), TypeOf(e.Attributes), null), ListOptions);
        return listing.ToList();
    }

    /// <summary>A reparse point (symlink, junction) is a link; .NET names it so on every OS.</summary>
    private static EntryType TypeOf(FileAttributes attributes) =>
        (attributes & FileAttributes.ReparsePoint) != 0 ? EntryType.Link
        : (attributes & FileAttributes.Directory) != 0 ? EntryType.Directory
        : EntryType.File;

    public DateTime? WriteTimeOf(string folder)
    {
        var info = new DirectoryInfo(folder);
        return info.Exists ? info.LastWriteTimeUtc : null;
    }
}
