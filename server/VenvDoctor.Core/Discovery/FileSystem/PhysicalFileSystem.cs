using System.Text;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Discovery.FileSystem;

/// <summary>The real disk, as this host's platform lists and resolves it (<see cref="Host.Platform"/>).</summary>
public sealed class PhysicalFileSystem : IDiscoveryFileSystem
{
    public static readonly PhysicalFileSystem Instance = new();

    private static IPlatformFolders Folders => Host.Platform.Folders;

    public IReadOnlyList<FolderEntry> List(string folder) => Folders.List(folder, out _);

    public IReadOnlyList<FolderEntry> List(string folder, Func<string, bool> include) => Folders.List(folder, out _, include);

    public (IReadOnlyList<FolderEntry> Entries, DateTime? WriteTime) ListWithWriteTime(string folder)
    {
        var entries = Folders.List(folder, out var writeTime);
        return (entries, writeTime);
    }

    public (IReadOnlyList<FolderEntry> Entries, DateTime? WriteTime) ListForWalk(string folder, bool withWriteTime)
    {
        var found = Folders.ListFolders(folder, withWriteTime, out var writeTime);
        return (found, writeTime);
    }

    public string? ResolveRealPath(string path) => Host.Platform.Files.RealPath(path);

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

    public DateTime? FolderWriteTime(string path) => Folders.WriteTimeOf(path);
}
