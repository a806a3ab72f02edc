using System.Buffers.Binary;
using System.Text;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// The dynamic section of an ELF file: the libraries it needs and where it looks for them, plus its program
/// interpreter (<c>PT_INTERP</c>: the loader an executable names, which tells glibc from musl).
/// </summary>
public sealed record ElfDynamicInfo(IReadOnlyList<string> Needed, IReadOnlyList<string> RunPath, IReadOnlyList<string> RPath)
{
    public string? Interpreter { get; init; }

    public static readonly ElfDynamicInfo Empty = new([], [], []);
}

/// <summary>
/// Reads DT_NEEDED / DT_RPATH / DT_RUNPATH (and PT_INTERP) from a 64-bit little-endian ELF without running it (a
/// <c>--copies</c> interpreter bakes the base's lib/ folder there; compiled modules name the libraries they need).
/// Hand-written: .NET has no ELF reader and we need three tags. Reads the program headers, the dynamic section and
/// the needed strings only (a few KB), never the whole file: libraries can be hundreds of MB.
/// </summary>
public static class ElfDynamic
{
    private const long PtLoad = 1, PtDynamic = 2, PtInterp = 3;
    private const long DtNull = 0, DtNeeded = 1, DtStrtab = 5, DtStrsz = 10, DtRpath = 15, DtRunpath = 29;
    private const int MaxSection = 1 << 20;

    /// <summary>Reads <paramref name="buffer"/>.Length bytes (or fewer at the end of the file) at <paramref name="offset"/>.</summary>
    public delegate int ReadAt(Span<byte> buffer, long offset);

    /// <summary>Null when the file is not a 64-bit little-endian ELF or is truncated.</summary>
    public static ElfDynamicInfo? Read(string file)
    {
        try
        {
            using var reader = new WorkspaceFile.Positional(file);
            var head = new byte[4096];
            var n = reader.Read(head, 0);
            return Read(head.AsSpan(0, n), reader.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }

    /// <summary>
    /// As <see cref="Read(string)"/>, given the file's first bytes (already read: the program headers and often the
    /// dynamic strings are there, which saves reads) and a way to read the rest.
    /// </summary>
    public static ElfDynamicInfo? Read(ReadOnlySpan<byte> head, ReadAt read)
    {
        if (head.Length < 64) return null;
        if (head[0] != 0x7F || head[1] != 'E' || head[2] != 'L' || head[3] != 'F' || head[4] != 2 || head[5] != 1) return null;
        var phoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(head[0x20..]);
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(head[0x36..]);
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(head[0x38..]);
        if (phentsize < 56 || phnum == 0 || phoff < 0 || phoff > int.MaxValue) return null;
        var ph = Bytes(head, read, phoff, phentsize * phnum);
        if (ph is null) return null;
        var loads = new List<(long VAddr, long Offset, long Size)>();
        (long Offset, long Size)? dynamic = null;
        string? interpreter = null;
        for (var i = 0; i < phnum; i++)
        {
            var e = ph.AsSpan(i * phentsize);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(e);
            var offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(e[8..]);
            var vaddr = (long)BinaryPrimitives.ReadUInt64LittleEndian(e[16..]);
            var filesz = (long)BinaryPrimitives.ReadUInt64LittleEndian(e[32..]);
            if (type == PtLoad) loads.Add((vaddr, offset, filesz));
            else if (type == PtDynamic) dynamic = (offset, filesz);
            else if (type == PtInterp && offset >= 0 && filesz is > 0 and < 4096 && Bytes(head, read, offset, (int)filesz) is { } interp)
                interpreter = Encoding.UTF8.GetString(interp).TrimEnd('\0');
        }
        if (dynamic is not { } dyn || dyn.Offset < 0 || dyn.Size is <= 0 or > MaxSection || Bytes(head, read, dyn.Offset, (int)dyn.Size) is not { } d)
            return ElfDynamicInfo.Empty with { Interpreter = interpreter };
        long strtab = -1, strsz = -1;
        var needed = new List<long>();
        var runpath = new List<long>();
        var rpath = new List<long>();
        for (var at = 0; at + 16 <= d.Length; at += 16)
        {
            var tag = BinaryPrimitives.ReadInt64LittleEndian(d.AsSpan(at));
            var val = (long)BinaryPrimitives.ReadUInt64LittleEndian(d.AsSpan(at + 8));
            if (tag == DtNull) break;
            if (tag == DtNeeded) needed.Add(val);
            else if (tag == DtStrtab) strtab = val;
            else if (tag == DtStrsz) strsz = val;
            else if (tag == DtRunpath) runpath.Add(val);
            else if (tag == DtRpath) rpath.Add(val);
        }
        var strtabOffset = loads.Where(l => strtab >= l.VAddr && strtab < l.VAddr + l.Size).Select(l => l.Offset + strtab - l.VAddr).DefaultIfEmpty(-1).First();
        if (strtabOffset < 0) return ElfDynamicInfo.Empty with { Interpreter = interpreter };
        // One read of the strings we need (offsets into .dynstr, usually a few KB, often inside the head), not one per string.
        var used = needed.Concat(runpath).Concat(rpath).DefaultIfEmpty(0).Max();
        var window = (int)Math.Min(strsz > 0 ? Math.Min(strsz, used + 4096) : used + 4096, MaxSection);
        var strings = Bytes(head, read, strtabOffset, window, allowShort: true) ?? [];
        string Str(long index)
        {
            if (index < 0 || index >= strings.Length) return "";
            var end = Array.IndexOf(strings, (byte)0, (int)index);
            return Encoding.UTF8.GetString(strings, (int)index, (end < 0 ? strings.Length : end) - (int)index);
        }
        return new ElfDynamicInfo(
            needed.Select(Str).Where(s => s.Length > 0).ToList(),
            runpath.SelectMany(i => Str(i).Split(':', StringSplitOptions.RemoveEmptyEntries)).ToList(),
            rpath.SelectMany(i => Str(i).Split(':', StringSplitOptions.RemoveEmptyEntries)).ToList())
        { Interpreter = interpreter };
    }

    /// <summary><paramref name="count"/> bytes at <paramref name="offset"/>, from the head when they are in it; null when the file is shorter.</summary>
    internal static byte[]? Bytes(ReadOnlySpan<byte> head, ReadAt read, long offset, int count, bool allowShort = false)
    {
        if (offset < 0 || count < 0) return null;
        if (offset + count <= head.Length) return head.Slice((int)offset, count).ToArray();
        var buffer = new byte[count];
        var n = read(buffer, offset);
        if (n == count) return buffer;
        return allowShort ? buffer[..n] : null;
    }

    /// <summary>
    /// Where the loader would find <paramref name="library"/> for <paramref name="elfFile"/>: its RPATH/RUNPATH
    /// (with <c>$ORIGIN</c>), then the system folders. Null when it is nowhere.
    /// </summary>
    public static string? FindLibrary(string elfFile, ElfDynamicInfo info, string library)
    {
        var dirs = SearchFolders(elfFile, info).Concat(SystemLibraryFolders);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, library);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// The object's own search folders in the loader's order (<c>man ld.so</c>): DT_RPATH only when there is no
    /// DT_RUNPATH, then DT_RUNPATH; <c>$ORIGIN</c> is the folder of the object.
    /// </summary>
    public static IEnumerable<string> SearchFolders(string elfFile, ElfDynamicInfo info)
    {
        var origin = Path.GetDirectoryName(Path.GetFullPath(elfFile))!;
        return (info.RunPath.Count == 0 ? info.RPath : info.RunPath)
            .Select(d => Path.GetFullPath(d.Replace("${ORIGIN}", origin).Replace("$ORIGIN", origin), origin));
    }

    /// <summary>The loader's default folders (after ld.so.cache), with the multiarch forms Debian-like systems use.</summary>
    public static readonly IReadOnlyList<string> SystemLibraryFolders =
        ["/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu"];
}
