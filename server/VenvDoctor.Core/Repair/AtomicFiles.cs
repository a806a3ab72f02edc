// Modes are set through the platform seam (a no-op on Windows); UnixCreateMode is guarded by it, not by the analyzer.
#pragma warning disable CA1416
using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Repair;

/// <summary>
/// Single-path changes that are atomic for a reader and for a crash: the new version is made beside the old one
/// (same folder, so same filesystem) and renamed over it. Mode and owner are carried over from what is replaced;
/// a symlink is replaced by a symlink.
/// </summary>
internal static class AtomicFiles
{
    /// <summary>Temp names carry the journal id so recovery can sweep what a killed run left behind.</summary>
    public static string TempName(string path, string journalId) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.vd-{journalId}.tmp");

    public static void WriteFile(string path, byte[] content, UnixFileMode? modeIfNew, string journalId)
    {
        var status = PosixFiles.Lstat(path);
        var mode = status.Exists ? status.Mode : modeIfNew ?? (UnixFileMode)0b110_100_100;
        (uint, uint)? owner = status.Exists ? (status.Uid, status.Gid) : null;
        var temp = TempName(path, journalId);
        // CreateNew is O_CREAT|O_EXCL, which never follows a symlink: a link planted at the temp name is removed, not written through.
        Delete(temp);
        using (var fs = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Host.Platform.Writes.HasUnixModes ? mode : null, BufferSize = 0 }))
        {
            fs.Write(content);
            Host.Platform.Writes.SetMode(fs.SafeFileHandle, mode); // UnixCreateMode is filtered by umask; the original mode is not.
        }
        PosixFiles.TrySetOwner(temp, owner);
        PosixFiles.Rename(temp, path);
    }

    /// <summary>
    /// Replaces the symlink <paramref name="path"/> by a regular file with <paramref name="mode"/>: the given content,
    /// else a copy of <paramref name="copyFrom"/>, which must be a regular file (opened non-blocking: a FIFO or device
    /// swapped in never blocks) and is streamed, never held whole. The link's owner is kept.
    /// </summary>
    public static void ReplaceLinkWithFile(string path, byte[]? content, string? copyFrom, UnixFileMode mode, string journalId)
    {
        var owner = PosixFiles.Owner(path);
        var temp = TempName(path, journalId);
        Delete(temp);
        using (var fs = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Host.Platform.Writes.HasUnixModes ? mode : null, BufferSize = 0 }))
        {
            if (content is not null) fs.Write(content);
            else CopyRegularFile(copyFrom!, fs);
            Host.Platform.Writes.SetMode(fs.SafeFileHandle, mode);
        }
        PosixFiles.TrySetOwner(temp, owner);
        PosixFiles.Rename(temp, path);
    }

    private static void CopyRegularFile(string source, FileStream into)
    {
        if (PosixFiles.Lstat(Anatomy.PathResolver.RealPath(source) ?? source) is not { IsFile: true })
            throw new IOException($"{source} is not a regular file; not copied");
        using var reader = new Anatomy.Files.WorkspaceFile.Positional(source);
        var buffer = new byte[1 << 16];
        long offset = 0;
        int n;
        while ((n = reader.Read(buffer, offset)) > 0)
        {
            into.Write(buffer, 0, n);
            offset += n;
        }
    }

    public static void WriteLink(string path, string target, string journalId)
    {
        var owner = Exists(path) ? PosixFiles.Owner(path) : null;
        var temp = TempName(path, journalId);
        if (Exists(temp)) File.Delete(temp);
        File.CreateSymbolicLink(temp, target);
        PosixFiles.TrySetOwner(temp, owner);
        PosixFiles.Rename(temp, path);
    }

    /// <summary>
    /// Puts a saved original (a hard link or copy in the journal) back at <paramref name="path"/>, keeping the saved
    /// copy. link(2) and rename(2) replace a symlink at the temp name or the destination, never write through it.
    /// </summary>
    public static void RestoreFile(string saved, string path, string journalId)
    {
        var temp = TempName(path, journalId);
        if (Exists(temp)) File.Delete(temp);
        if (!PosixFiles.TryHardLink(saved, temp))
        {
            File.Copy(saved, temp);
            Host.Platform.Writes.SetMode(temp, Host.Platform.Writes.GetMode(saved));
            PosixFiles.TrySetOwner(temp, PosixFiles.Owner(saved));
        }
        PosixFiles.Rename(temp, path);
        // rename(2) does nothing when both names are already the same file (the edit never happened): drop the temp name.
        if (Exists(temp)) File.Delete(temp);
    }

    /// <summary>Keeps the original's bytes, mode and owner in the journal: a hard link when possible (no copy), else a copy.</summary>
    public static void SaveOriginal(string path, string saved)
    {
        if (PosixFiles.TryHardLink(path, saved)) return;
        File.Copy(path, saved);
        Host.Platform.Writes.SetMode(saved, Host.Platform.Writes.GetMode(path));
        PosixFiles.TrySetOwner(saved, PosixFiles.Owner(path));
    }

    public static void Delete(string path)
    {
        // File.Delete removes a link itself (never its target), folder links included.
        if (IsLink(path)) File.Delete(path);
        else if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>True for files, folders and dangling symlinks alike.</summary>
    public static bool Exists(string path) => PosixFiles.Lstat(path).Exists;

    public static bool IsLink(string path) => PosixFiles.Lstat(path).IsLink;
}
