using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Repair;

/// <summary>
/// What the repair engine asks of a path it is about to change — kind, permission bits, owner — and the writes
/// whose behaviour differs per OS (rename over, hard link, owner), through the platform seam
/// (<see cref="Host.Platform"/>). (Real paths: <see cref="Anatomy.PathResolver.RealPath"/>.)
/// </summary>
internal static class PosixFiles
{
    /// <summary>Makes <paramref name="newPath"/> a second name of <paramref name="existing"/>; false when the filesystem refuses.</summary>
    public static bool TryHardLink(string existing, string newPath) => Host.Platform.Writes.TryHardLink(existing, newPath);

    /// <summary>What one lstat(2) says about a path (the link itself, not its target).</summary>
    public readonly record struct Status(bool Exists, bool IsLink, bool IsDirectory, bool IsFile, UnixFileMode Mode, uint Uid, uint Gid);

    /// <summary>Existence, kind, permission bits and owner of a path, not following a final link (owner 0 where the platform has none to say).</summary>
    public static Status Lstat(string path) =>
        FileStatus.Query(path, followLinks: false, out var s) == FileStatus.Outcome.Found
            ? new Status(true, s.IsLink, s.IsDirectory, s.IsFile, (UnixFileMode)(s.Mode & 0xFFF), s.Uid, s.Gid)
            : default;

    /// <summary>Owner and group of a path (not following a final symlink); null when it does not exist.</summary>
    public static (uint Uid, uint Gid)? Owner(string path) => Lstat(path) is { Exists: true } s ? (s.Uid, s.Gid) : null;

    /// <summary>True when a new file made by this process would already have this owner (no chown needed).</summary>
    public static bool IsOurs((uint Uid, uint Gid) owner) => Host.Platform.Writes.IsOurs(owner.Uid, owner.Gid);

    /// <summary>Gives <paramref name="path"/> the owner it had before; silently keeps ours when not permitted.</summary>
    public static void TrySetOwner(string path, (uint Uid, uint Gid)? owner)
    {
        if (owner is not { } o || IsOurs(o)) return;
        Host.Platform.Writes.TrySetOwner(path, o.Uid, o.Gid);
    }

    /// <summary>Atomically replaces <paramref name="to"/> (a file or a symlink, never followed).</summary>
    public static void Rename(string from, string to) => Host.Platform.Writes.Rename(from, to);
}
