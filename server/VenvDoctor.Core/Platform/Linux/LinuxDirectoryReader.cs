using System.Runtime.InteropServices;
using System.Text;

using VenvDoctor.Core.Discovery.FileSystem;

namespace VenvDoctor.Core.Platform.Linux;

/// <summary>
/// Folder listings straight from readdir(3) on Linux. Why by hand: .NET's enumerator answers "is this entry a
/// link?" only through <c>Attributes</c>, which costs an lstat per entry; readdir's d_type says it for free, and the
/// walk lists tens of thousands of folders. The dirent layout (d_ino, d_off, d_reclen, d_type, d_name) is the same for
/// glibc and musl on 64-bit Linux, which is where <see cref="LinuxPlatform"/> is chosen (<see cref="Host.Select"/>).
/// </summary>
internal static unsafe partial class LinuxDirectoryReader
{
    private const byte DT_UNKNOWN = 0, DT_DIR = 4, DT_LNK = 10;
    private const int NameOffset = 19, TypeOffset = 18;

    public static List<FolderEntry> List(string folder) => List(folder, out _);

    /// <summary>The entries, and the folder's mtime read from the open handle before them (no second path lookup).</summary>
    /// <remarks><paramref name="include"/>, when given, filters by name before an entry is classified (a stat for links).</remarks>
    public static List<FolderEntry> List(string folder, out DateTime? writeTime, Func<string, bool>? include = null)
    {
        var entries = new List<FolderEntry>();
        writeTime = Read(folder, withWriteTime: true, (name, type) =>
        {
            var text = Encoding.UTF8.GetString(name);
            if (include is not null && !include(text)) return;
            entries.Add(type switch
            {
                DT_DIR => new FolderEntry(text, IsDirectory: true, IsLink: false),
                DT_LNK or DT_UNKNOWN => Classify(folder, text, type == DT_LNK),
                _ => new FolderEntry(text, IsDirectory: false, IsLink: false),
            });
        });
        return entries;
    }

    /// <summary>
    /// Every entry's name and type as readdir gives them: no stat at all, links not followed. <c>RawName</c> keeps the
    /// bytes of a name that is not valid UTF-8 (then <c>Name</c> shows them as <c>\xNN</c>, see <see cref="RawFileName"/>).
    /// </summary>
    public static List<(string Name, EntryType Type, byte[]? RawName)> ListTyped(string folder)
    {
        var entries = new List<(string, EntryType, byte[]?)>();
        Read(folder, withWriteTime: false, (name, type) =>
        {
            var valid = RawFileName.IsValidUtf8(name);
            entries.Add((valid ? Encoding.UTF8.GetString(name) : RawFileName.Shown(name), type switch
            {
                DT_DIR => EntryType.Directory,
                DT_LNK => EntryType.Link,
                DT_UNKNOWN => EntryType.Unknown,
                _ => EntryType.File,
            }, valid ? null : name.ToArray()));
        });
        return entries;
    }

    private static ReadOnlySpan<byte> WalkedFile => "pyvenv.cfg"u8;

    /// <summary>
    /// A walk's view of a folder (<see cref="IDiscoveryFileSystem.ListForWalk"/>): subfolders, links to them, and
    /// pyvenv.cfg. Other files are skipped before their names are decoded: most entries of a tree cost nothing.
    /// </summary>
    public static List<FolderEntry> ListFolders(string folder, bool withWriteTime, out DateTime? writeTime)
    {
        var entries = new List<FolderEntry>();
        writeTime = Read(folder, withWriteTime, (name, type) =>
        {
            var marker = name.SequenceEqual(WalkedFile);
            if (type == DT_DIR) entries.Add(new FolderEntry(Encoding.UTF8.GetString(name), IsDirectory: true, IsLink: false));
            else if (type is DT_LNK or DT_UNKNOWN)
            {
                var classified = Classify(folder, Encoding.UTF8.GetString(name), type == DT_LNK);
                if (classified.IsDirectory || marker) entries.Add(classified);
            }
            else if (marker) entries.Add(new FolderEntry(Encoding.UTF8.GetString(name), IsDirectory: false, IsLink: false));
        });
        return entries;
    }

    private delegate void EntryVisitor(ReadOnlySpan<byte> name, byte type);

    /// <summary>One pass of readdir(3) over a folder: each entry's raw name and d_type (not . and ..); the folder's time first, when asked.</summary>
    private static DateTime? Read(string folder, bool withWriteTime, EntryVisitor visit)
    {
        var dir = opendir(folder);
        if (dir == IntPtr.Zero) throw ErrorFor(folder, Marshal.GetLastPInvokeError());
        try
        {
            var writeTime = withWriteTime ? WriteTimeOf(dir, folder) : null;
            while (true)
            {
                var entry = readdir(dir);
                if (entry == IntPtr.Zero)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != 0) throw ErrorFor(folder, errno);
                    return writeTime;
                }
                var namePtr = (byte*)entry + NameOffset;
                var name = new ReadOnlySpan<byte>(namePtr, strlen(namePtr));
                if (name is [(byte)'.'] or [(byte)'.', (byte)'.']) continue;
                visit(name, *((byte*)entry + TypeOffset));
            }
        }
        finally { closedir(dir); }
    }

    /// <summary>A link (or an entry the file system did not type): one stat to learn what it is.</summary>
    private static FolderEntry Classify(string folder, string name, bool isLink)
    {
        var path = Path.Combine(folder, name);
        var isDirectory = Directory.Exists(path);
        if (!isLink && isDirectory) isLink = new DirectoryInfo(path).LinkTarget is not null;
        return new FolderEntry(name, isDirectory, isDirectory && isLink);
    }

    /// <summary>
    /// A folder's last-write time by path: one statx (<see cref="Statx"/>). What a warm walk asks of every
    /// folder; .NET's DirectoryInfo would also normalise the path and allocate per call. Null when the path does not
    /// exist (or is not a folder).
    /// </summary>
    public static DateTime? WriteTimeOf(string folder)
    {
        switch (Statx.Query(folder, followLinks: true, out var status))
        {
            case FileStatus.Outcome.Found: return status.IsDirectory ? status.WriteTimeUtc : null;
            case FileStatus.Outcome.NotFound: return null;
        }
        var info = new DirectoryInfo(folder);
        return info.Exists ? info.LastWriteTimeUtc : null;
    }

    /// <summary>The open folder's last-write time, from its descriptor (no second path lookup).</summary>
    private static DateTime? WriteTimeOf(IntPtr dir, string folder)
    {
        if (Statx.Query(dirfd(dir), out var status) == FileStatus.Outcome.Found) return status.WriteTimeUtc;
        var info = new DirectoryInfo(folder);
        return info.Exists ? info.LastWriteTimeUtc : null;
    }

    private static Exception ErrorFor(string folder, int errno) => errno switch
    {
        1 or 13 => new UnauthorizedAccessException($"permission denied: {folder}"),
        2 or 20 => new DirectoryNotFoundException($"no such folder: {folder}"),
        _ => new IOException($"cannot list {folder} (errno {errno})"),
    };

    private static int strlen(byte* s)
    {
        var n = 0;
        while (s[n] != 0) n++;
        return n;
    }

    [LibraryImport("libc", EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr opendir(string name);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial IntPtr readdir(IntPtr dir);

    [LibraryImport("libc", EntryPoint = "dirfd")]
    private static partial int dirfd(IntPtr dir);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int closedir(IntPtr dir);
}
