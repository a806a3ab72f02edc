using System.Buffers.Binary;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy.Git;

/// <summary>A git index that does not follow git's documented format (garbled, truncated, or made to mislead).</summary>
public sealed class GitIndexFormatException(string message) : Exception(message);

/// <summary>
/// git's index read in order through a 64 KiB window (<see cref="WorkspaceFile.Sequential"/>, so the cap of
/// <see cref="FileKind.GitIndex"/> bounds what is read): big-endian numbers, NUL-terminated names, git's varint.
/// Running out of bytes is a <see cref="GitIndexFormatException"/> naming the offset.
/// </summary>
internal sealed class IndexBytes(WorkspaceFile.Sequential file) : IDisposable
{
    private readonly byte[] window = new byte[64 * 1024];
    private int start, end;

    /// <summary>The offset of the next byte in the file.</summary>
    public long Position => file.Position - (end - start);

    /// <summary>The file's size when opened (-1 when unknown).</summary>
    public long Length => file.Length;

    public string Path => file.Path;

    public byte Byte()
    {
        if (start == end) Fill(1);
        return window[start++];
    }

    public ushort UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    /// <summary>The next <paramref name="count"/> bytes (at most the window), valid until the next read.</summary>
    public ReadOnlySpan<byte> Take(int count)
    {
        if (end - start < count) Fill(count);
        var span = window.AsSpan(start, count);
        start += count;
        return span;
    }

    public void Skip(long count)
    {
        var inWindow = (int)Math.Min(count, end - start);
        start += inWindow;
        if (count > inWindow) file.Skip(count - inWindow);
        if (Length >= 0 && Position > Length) throw Truncated();
    }

    /// <summary>Appends bytes up to (not including) the next NUL to <paramref name="name"/>; more than <paramref name="most"/> is garbled.</summary>
    public void NulTerminated(List<byte> name, int most)
    {
        while (true)
        {
            if (start == end) Fill(1);
            var span = window.AsSpan(start, end - start);
            var nul = span.IndexOf((byte)0);
            var part = nul < 0 ? span : span[..nul];
            if (name.Count + part.Length > most) throw new GitIndexFormatException($"a path longer than {most} bytes at offset {Position}");
            name.AddRange(part);
            start += part.Length;
            if (nul >= 0) { start++; return; }
        }
    }

    /// <summary>git's offset varint (varint.c): seven bits a byte, most significant first, each continuation adding one.</summary>
    public long Varint()
    {
        int c = Byte();
        long value = c & 127;
        while ((c & 128) != 0)
        {
            value++;
            if (value > (long.MaxValue >> 8)) throw new GitIndexFormatException($"a varint that overflows at offset {Position}");
            c = Byte();
            value = (value << 7) + (c & 127);
        }
        return value;
    }

    private void Fill(int count)
    {
        Buffer.BlockCopy(window, start, window, 0, end - start);
        end -= start;
        start = 0;
        while (end < count)
        {
            var n = file.Read(window.AsSpan(end));
            if (n == 0) throw Truncated();
            end += n;
        }
    }

    private GitIndexFormatException Truncated() => new($"it ends early (at byte {Position}), truncated or cut short");

    public void Dispose() => file.Dispose();
}
