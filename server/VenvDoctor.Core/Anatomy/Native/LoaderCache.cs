using System.Buffers.Binary;
using System.Text;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>
/// The system's <c>/etc/ld.so.cache</c>: soname → paths, as glibc's loader consults it after an object's own
/// RUNPATH. Read from the file (the "glibc-ld.so.cache1.1" format of glibc's <c>elf/cache.c</c>), not by running
/// <c>ldconfig -p</c>; hand-written because no .NET library reads it. <see cref="SystemLoaderCache"/> keeps the
/// system's, parsed again only when the file changes. An absent or unknown-format cache is empty (the default folders are still searched).
/// </summary>
public sealed class LoaderCache
{
    public const string DefaultPath = "/etc/ld.so.cache";
    private const string Magic = "glibc-ld.so.cache1.1";
    private const int HeaderSize = 48, EntrySize = 24;

    private readonly Dictionary<string, List<string>> bySoname;

    private LoaderCache(Dictionary<string, List<string>> bySoname) => this.bySoname = bySoname;

    public static readonly LoaderCache Empty = new([]);

    public int Count => bySoname.Count;

    /// <summary>The paths the cache lists for <paramref name="soname"/> (one per architecture it knows).</summary>
    public IReadOnlyList<string> Lookup(string soname) => bySoname.TryGetValue(soname, out var paths) ? paths : [];

    /// <summary>Parses the new-format cache; anything malformed ends the parse with what was read so far.</summary>
    public static LoaderCache Parse(ReadOnlySpan<byte> data)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // The new format may follow an old-format ("ld.so-1.7.0") block; glibc 2.32+ writes the new one alone.
        var start = data.IndexOf(Encoding.ASCII.GetBytes(Magic));
        if (start < 0 || data.Length < start + HeaderSize) return new LoaderCache(map);
        var cache = data[start..];
        var count = BinaryPrimitives.ReadUInt32LittleEndian(cache[20..]);
        for (var i = 0L; i < count && HeaderSize + (i + 1) * EntrySize <= cache.Length; i++)
        {
            var entry = cache[(int)(HeaderSize + i * EntrySize)..];
            var key = String(cache, BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]));
            var value = String(cache, BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]));
            if (key is null || value is null) continue;
            if (!map.TryGetValue(key, out var list)) map[key] = list = [];
            list.Add(value);
        }
        return new LoaderCache(map);
    }

    // String offsets in the new format count from the start of the new-format block.
    private static string? String(ReadOnlySpan<byte> cache, uint offset)
    {
        if (offset >= cache.Length) return null;
        var rest = cache[(int)offset..];
        var end = rest.IndexOf((byte)0);
        return end <= 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }

    internal static byte[] ReadOrEmpty(string path)
    {
        try { return WorkspaceFile.ReadBytes(path, FileKind.LoaderCache); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
