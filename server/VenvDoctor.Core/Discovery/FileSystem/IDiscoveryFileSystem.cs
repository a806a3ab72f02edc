using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Discovery.FileSystem;

/// <summary>One entry of a folder listing. <see cref="IsLink"/>: a symbolic link to a folder (only folders are checked:
/// knowing it costs a stat). A class, not a struct, on purpose: the framework's generic code (List, LINQ, sorting) is
/// precompiled for reference types only, and a struct here made a CLI run JIT some 60 methods at start-up.</summary>
public sealed record FolderEntry(string Name, bool IsDirectory, bool IsLink);

/// <summary>What a listing says an entry is, without a stat (<see cref="Unknown"/>: the file system did not say).</summary>
public enum EntryType { Directory, File, Link, Unknown }

/// <summary>
/// Everything discovery reads from disk goes through here, so tests can make a folder unreadable (tests run as root:
/// chmod 000 does not stop root) or delete one in the middle of a walk. Errors surface as the usual exceptions
/// (<see cref="UnauthorizedAccessException"/>, <see cref="DirectoryNotFoundException"/>, <see cref="IOException"/>).
/// </summary>
public interface IDiscoveryFileSystem
{
    /// <summary>The entries of a folder (not recursive).</summary>
    IReadOnlyList<FolderEntry> List(string folder);

    /// <summary>
    /// The entries whose names pass <paramref name="include"/>. Only those are classified, and classifying a link
    /// costs a stat: picking python* out of a /usr/bin of 1,300 entries (500 of them links) is one listing, not 500 stats.
    /// </summary>
    IReadOnlyList<FolderEntry> List(string folder, Func<string, bool> include) => List(folder).Where(e => include(e.Name)).ToList();

    /// <summary>The final, fully resolved target of a link (or of a path with linked parents); null when it dangles.</summary>
    string? ResolveRealPath(string path);

    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>
    /// At most <paramref name="maxBytes"/> bytes (and at most <paramref name="kind"/>'s cap) of a regular file,
    /// decoded as UTF-8; null when the file is missing or empty. A FIFO, socket, device or folder under the name, or a
    /// file that cannot be read, throws <see cref="FileRefusedException"/> (an IOException) saying why; none is ever
    /// read (<see cref="WorkspaceFile"/>).
    /// </summary>
    string? ReadHead(string path, FileKind kind, int maxBytes);

    /// <summary>
    /// A listing and the folder's last write time read BEFORE it (so a change during the listing shows as a newer
    /// time next time). The default asks for the time, then lists.
    /// </summary>
    (IReadOnlyList<FolderEntry> Entries, DateTime? WriteTime) ListWithWriteTime(string folder)
    {
        var writeTime = FolderWriteTime(folder);
        return (List(folder), writeTime);
    }

    /// <summary>
    /// What a walk needs of a folder: its subfolders (links to folders included) and the one file that marks an
    /// environment there (<see cref="WalkedFile"/>); every other file, most of a tree, is skipped unread. With the
    /// folder's time, read before the listing, when <paramref name="withWriteTime"/>.
    /// </summary>
    (IReadOnlyList<FolderEntry> Entries, DateTime? WriteTime) ListForWalk(string folder, bool withWriteTime)
    {
        var (entries, writeTime) = withWriteTime ? ListWithWriteTime(folder) : (List(folder), null);
        return (WalkView(entries), writeTime);
    }

    /// <summary>What a walk keeps of a full listing: subfolders and <see cref="WalkedFile"/>.</summary>
    static IReadOnlyList<FolderEntry> WalkView(IReadOnlyList<FolderEntry> entries) =>
        entries.Where(e => e.IsDirectory || e.Name == WalkedFile).ToList();

    /// <summary>The file a walk must see in a folder: pyvenv.cfg (conda-meta, bin, lib... are folders).</summary>
    const string WalkedFile = "pyvenv.cfg";

    /// <summary>Last write time of a folder (changes when an entry is added, removed or renamed in it); null when gone.</summary>
    DateTime? FolderWriteTime(string path);
}
