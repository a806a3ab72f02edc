using System.Collections.Concurrent;
using VenvDoctor.Core.Discovery.FileSystem;

namespace VenvDoctor.Core.Discovery.Walking;

/// <summary>
/// Folder listings from earlier walks, reused while the folder's last-write time is unchanged, so a second walk of
/// the same tree costs one stat per folder instead of a full listing.
/// Why it stays correct: a folder's mtime changes whenever an entry is added, removed or renamed in it, which is all
/// a listing holds. The time is read BEFORE listing, so a change racing the listing leaves a newer mtime that the
/// next walk sees; and a listing whose folder time was still recent when read is not kept at all
/// (<see cref="SettledTime"/>: a change in the same clock tick would carry the same time). What a listing does not
/// hold (the contents of pyvenv.cfg, of bin/ or lib/) is never cached: folders that could be environments are
/// identified afresh on every walk.
/// </summary>
public sealed class WalkCache
{
    private sealed record Listing(DateTime WriteTime, IReadOnlyList<FolderEntry> Entries);

    private readonly ConcurrentDictionary<string, Listing> listings = new(StringComparer.Ordinal);

    public int Count => listings.Count;

    /// <summary>The folder's entries as a walk sees them (<see cref="IDiscoveryFileSystem.ListForWalk"/>), from the cache when its mtime is unchanged.</summary>
    public IReadOnlyList<FolderEntry> List(IDiscoveryFileSystem fs, string folder)
    {
        if (listings.TryGetValue(folder, out var cached))
        {
            var now = fs.FolderWriteTime(folder) ?? throw new DirectoryNotFoundException($"{folder} vanished");
            if (cached.WriteTime == now) return cached.Entries;
        }
        // A folder seen for the first time (or changed): one listing, its time read from the same open handle.
        var listedAt = DateTime.UtcNow;
        var (entries, writeTime) = fs.ListForWalk(folder, withWriteTime: true);
        if (writeTime is { } time && SettledTime.IsSettled(time, listedAt)) listings[folder] = new Listing(time, entries);
        else listings.TryRemove(folder, out _);
        return entries;
    }

    public void Clear() => listings.Clear();
}
