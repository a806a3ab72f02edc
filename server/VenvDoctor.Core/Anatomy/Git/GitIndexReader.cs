using System.Runtime.InteropServices;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy.Git;

/// <summary>One entry of git's index as it is read: its path's bytes (<c>/</c>-separated, as git stores them) and mode.</summary>
public readonly ref struct GitIndexEntry(ReadOnlySpan<byte> path, uint mode, long position)
{
    public ReadOnlySpan<byte> Path { get; } = path;
    public uint Mode { get; } = mode;
    /// <summary>Its place in the index, from 0 (what a split index's bitmaps number).</summary>
    public long Position { get; } = position;
    /// <summary>A sparse index's directory entry (mode 040000, path ending in <c>/</c>): a whole folder outside the sparse-checkout cone.</summary>
    public bool IsSparseDirectory => (Mode & 0xF000) == 0x4000;
}

/// <summary>What an entry visitor says: go on, or stop reading entries.</summary>
public delegate bool GitIndexVisitor(in GitIndexEntry entry);

/// <summary>
/// Reads git's index file (Documentation/gitformat-index.txt, formerly technical/index-format.txt) in order, one
/// entry at a time, never holding more than one path: the header (<c>DIRC</c>, version 2, 3 or 4, entry count), each
/// entry (stat data, object id, flags, the extended flags of version 3+, the path: padded with NULs to a multiple of
/// eight bytes in versions 2 and 3, prefix-compressed against the previous path in version 4), then the extensions
/// (signature, size, data), of which only the split index's <c>link</c> is read here. The trailing checksum is not
/// verified: that would read the whole file where finding one entry is enough, and a garbled file is caught by its
/// structure. Hand-written because no .NET library reads git's index without a native libgit2 (which NativeAOT and
/// the glibc floor rule out) or running git.
/// </summary>
public sealed class GitIndexReader : IDisposable
{
    /// <summary>The longest path accepted (Linux's PATH_MAX is 4096; git has no limit of its own).</summary>
    public const int MaxPath = 64 * 1024;
    private const int StatBytes = 40; // ctime, mtime (8 each), dev, ino, mode, uid, gid, size (4 each)
    private readonly IndexBytes bytes;
    private readonly int hashSize;
    private readonly List<byte> path = [];
    private long next;

    private GitIndexReader(IndexBytes bytes, int hashSize, int version, uint count)
    {
        this.bytes = bytes;
        this.hashSize = hashSize;
        Version = version;
        Count = count;
    }

    public int Version { get; }
    public uint Count { get; }
    public string Path => bytes.Path;

    /// <summary>
    /// Opens the index and reads its header. Null with <paramref name="refusal"/> when the file cannot be read (missing,
    /// not regular, over the cap); a <see cref="GitIndexFormatException"/> when it is not a version 2–4 index.
    /// </summary>
    public static GitIndexReader? Open(string path, int hashSize, out FileRead? refusal)
    {
        var file = WorkspaceFile.OpenSequential(path, FileKind.GitIndex, out refusal);
        if (file is null) return null;
        var bytes = new IndexBytes(file);
        try
        {
            if (!bytes.Take(4).SequenceEqual("DIRC"u8)) throw new GitIndexFormatException("it does not start with DIRC");
            var version = bytes.UInt32();
            if (version is < 2 or > 4) throw new GitIndexFormatException($"its version is {version}, not 2, 3 or 4");
            var count = bytes.UInt32();
            // Every entry takes at least its stat data, object id and flags: a count the file cannot hold is a lie.
            if (bytes.Length >= 0 && (long)count * (StatBytes + hashSize + 2) > bytes.Length)
                throw new GitIndexFormatException($"it claims {count} entries in {bytes.Length} bytes");
            return new GitIndexReader(bytes, hashSize, (int)version, count);
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads entries in order, from where the last call stopped, handing each to <paramref name="visit"/> until it
    /// returns false or none is left.
    /// </summary>
    public void ReadEntries(GitIndexVisitor visit)
    {
        while (next < Count)
        {
            var i = next++;
            var entryStart = bytes.Position;
            var fixedPart = bytes.Take(StatBytes);
            var mode = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(fixedPart[24..]);
            bytes.Skip(hashSize);
            var flags = bytes.UInt16();
            if ((flags & 0x4000) != 0)
            {
                if (Version < 3) throw new GitIndexFormatException($"entry {i} has extended flags, which version 2 does not allow");
                bytes.UInt16();
            }
            ReadPath(flags & 0xFFF, entryStart, i);
            if (!visit(new GitIndexEntry(CollectionsMarshal.AsSpan(path), mode, i))) return;
        }
    }

    private void ReadPath(int lengthInFlags, long entryStart, long index)
    {
        if (Version == 4)
        {
            var strip = bytes.Varint();
            if (strip > path.Count) throw new GitIndexFormatException($"entry {index} removes {strip} bytes from a path of {path.Count}");
            path.RemoveRange(path.Count - (int)strip, (int)strip);
            bytes.NulTerminated(path, MaxPath);
            return;
        }
        path.Clear();
        if (lengthInFlags < 0xFFF)
        {
            path.AddRange(bytes.Take(lengthInFlags));
            if (bytes.Byte() != 0) throw new GitIndexFormatException($"entry {index}'s path is not followed by a NUL");
        }
        else bytes.NulTerminated(path, MaxPath);
        // Versions 2 and 3 pad each entry with 1 to 8 NULs to a multiple of 8 bytes (the NUL above was the first).
        var length = bytes.Position - entryStart;
        bytes.Skip((8 - length % 8) % 8);
    }

    /// <summary>
    /// After every entry: the split index's <c>link</c> extension, or null when there is none. The others are skipped
    /// by their size. Reads the entries first (without looking at them) when <see cref="ReadEntries"/> stopped early or
    /// was not called.
    /// </summary>
    public SplitIndexLink? ReadLink(int maxBitmapBits)
    {
        ReadEntries(static (in GitIndexEntry _) => true);
        SplitIndexLink? link = null;
        // Extensions run until the trailing checksum (a file of unknown size is not read past its entries).
        while (bytes.Position + hashSize < bytes.Length)
        {
            var signature = System.Text.Encoding.ASCII.GetString(bytes.Take(4));
            var size = bytes.UInt32();
            var end = bytes.Position + size;
            if (bytes.Length >= 0 && end + hashSize > bytes.Length)
                throw new GitIndexFormatException($"its {signature} extension claims {size} bytes past the end");
            if (signature == "link") link = SplitIndexLink.Read(bytes, size, hashSize, maxBitmapBits);
            if (bytes.Position > end) throw new GitIndexFormatException($"its {signature} extension runs past its own size");
            bytes.Skip(end - bytes.Position);
        }
        return link;
    }

    public void Dispose() => bytes.Dispose();
}
