// POSIX modes are the point here; on other hosts the folders are created with the platform's defaults.
#pragma warning disable CA1416
using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// Folders the tool keeps for itself: the journal store's state folder and an environment's journal folders. They
/// are what makes a journal trusted, so each is private to the user (0700) and must be a real folder owned by us,
/// not a symlink someone planted.
/// </summary>
public static class PrivateFolder
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates a folder 0700; an existing one must be a real folder (not a symlink), and is narrowed to 0700.</summary>
    public static void Create(string folder)
    {
        var status = PosixFiles.Lstat(folder);
        if (status.IsLink) throw new RepairException($"{folder} is a symlink; the tool's state and journal folders must be real folders.");
        if (!status.Exists)
        {
            if (!Host.Platform.Writes.HasUnixModes) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, Private);
            return;
        }
        if (!status.IsDirectory) throw new RepairException($"{folder} is not a folder.");
        if (Host.Platform.Writes.HasUnixModes && (status.Mode & ~Private) != 0 && PosixFiles.IsOurs((status.Uid, status.Gid)))
            Host.Platform.Writes.SetMode(folder, Private);
    }
}
