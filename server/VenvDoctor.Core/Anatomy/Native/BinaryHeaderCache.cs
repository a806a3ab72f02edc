using System.Collections.Concurrent;

namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>
/// Headers already read, reused while a file's size and modification time are unchanged: a torch-size environment
/// holds thousands of compiled files, and a rescan must not read them again. A service (<see cref="NativeCaches"/>):
/// one for the life of <c>serve</c>, which scans the same environments again and again; one per run of a CLI verb.
/// Bounded: past <see cref="Capacity"/> entries it starts over.
/// </summary>
public sealed class BinaryHeaderCache
{
    public const int Capacity = 200_000;

    private sealed record Entry(long Size, long MTimeTicks, BinaryHeader? Header);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The header of <paramref name="path"/> as it is now (size and mtime from the caller's listing).</summary>
    public BinaryHeader? Get(string path, long size, DateTime lastWriteUtc)
    {
        var ticks = lastWriteUtc.Ticks;
        if (entries.TryGetValue(path, out var hit) && hit.Size == size && hit.MTimeTicks == ticks) return hit.Header;
        var header = BinaryHeaders.Read(path);
        if (entries.Count >= Capacity) entries.Clear();
        entries[path] = new Entry(size, ticks, header);
        return header;
    }

    /// <summary>The header of a file found by path alone (a library a loader search reached): stats it first.</summary>
    public BinaryHeader? Get(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? Get(path, info.Length, info.LastWriteTimeUtc) : null;
    }

    /// <summary>Forgets everything (benchmarks measure a cold run with it).</summary>
    public void Clear() => entries.Clear();
}
