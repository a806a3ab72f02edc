using System.Collections;

namespace VenvDoctor.Core.Anatomy.Git;

/// <summary>
/// A split index's <c>link</c> extension (<c>git update-index --split-index</c>): the shared index it builds on
/// (<c>sharedindex.&lt;id&gt;</c> beside the index) and which of the shared index's entries it deletes. The
/// replace bitmap is skipped: a replaced entry keeps its path, so whether a path is in the index does not change.
/// </summary>
public sealed class SplitIndexLink
{
    private readonly BitArray? deleted;

    private SplitIndexLink(string sharedIndexId, BitArray? deleted)
    {
        SharedIndexId = sharedIndexId;
        this.deleted = deleted;
    }

    /// <summary>The shared index's object id, in hex: its file is <c>sharedindex.&lt;id&gt;</c>.</summary>
    public string SharedIndexId { get; }

    /// <summary>True when the shared index's entry at <paramref name="position"/> is deleted by this index.</summary>
    public bool IsDeleted(long position) => deleted is not null && position < deleted.Length && deleted[(int)position];

    /// <param name="maxBits">The largest bitmap accepted (held as one bit per shared entry).</param>
    internal static SplitIndexLink Read(IndexBytes bytes, uint size, int hashSize, int maxBits)
    {
        if (size < hashSize) throw new GitIndexFormatException($"its link extension is {size} bytes, shorter than an object id");
        var id = Convert.ToHexStringLower(bytes.Take(hashSize));
        if (size == hashSize) return new SplitIndexLink(id, null);
        var end = bytes.Position - hashSize + size;
        var deleted = Ewah(bytes, end, maxBits);
        return new SplitIndexLink(id, deleted);
    }

    /// <summary>
    /// One EWAH-compressed bitmap as git writes it (ewah/ewah_io.c): bit count, word count, the 64-bit words, the
    /// offset of the last marker word. Each marker word says how many words of all-0 or all-1 bits come (bit 0 the
    /// value, bits 1–32 the count), then how many literal words follow it (bits 33–63); bit j of literal word w is
    /// position 64·w + j.
    /// </summary>
    private static BitArray Ewah(IndexBytes bytes, long end, int maxBits)
    {
        var bitCount = bytes.UInt32();
        var wordCount = bytes.UInt32();
        if (bitCount > maxBits) throw new GitIndexFormatException($"its delete bitmap has {bitCount} bits, more than the {maxBits} read");
        if (bytes.Position + (long)wordCount * 8 + 4 > end) throw new GitIndexFormatException("its delete bitmap runs past the link extension");
        var bits = new BitArray((int)bitCount);
        long word = 0; // the position, in 64-bit words, of the next bits
        for (uint i = 0; i < wordCount; i++)
        {
            var marker = bytes.UInt64();
            var run = (long)((marker >> 1) & 0xFFFF_FFFF);
            var literals = (uint)(marker >> 33);
            if ((marker & 1) != 0) SetRange(bits, word * 64, (word + run) * 64);
            word += run;
            if (literals > wordCount - i - 1) throw new GitIndexFormatException("its delete bitmap names more words than it holds");
            for (uint l = 0; l < literals; l++, i++, word++)
            {
                var literal = bytes.UInt64();
                for (var j = 0; j < 64 && literal != 0; j++, literal >>= 1)
                    if ((literal & 1) != 0 && word * 64 + j < bits.Length) bits[(int)(word * 64 + j)] = true;
            }
        }
        bytes.UInt32(); // the last marker's offset, which a reader in order does not need
        return bits;
    }

    private static void SetRange(BitArray bits, long from, long to)
    {
        for (var p = from; p < Math.Min(to, bits.Length); p++) bits[(int)p] = true;
    }
}
