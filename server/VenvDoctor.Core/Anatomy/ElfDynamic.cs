using System.Buffers.Binary;
using System.Text;

namespace VenvDoctor.Core.Anatomy;

/// <summary>The dynamic section of an ELF file: the libraries it needs and where it looks for them.</summary>
public sealed record ElfDynamicInfo(IReadOnlyList<string> Needed, IReadOnlyList<string> RunPath, IReadOnlyList<string> RPath);

/// <summary>
/// Reads DT_NEEDED / DT_RPATH / DT_RUNPATH from a 64-bit little-endian ELF without running it (a <c>--copies</c>
/// interpreter bakes the base's lib/ folder there). Hand-written: .NET has no ELF reader and we need three tags.
/// </summary>
public static class ElfDynamic
{
    private const long PtLoad = 1, PtDynamic = 2;
    private const long DtNull = 0, DtNeeded = 1, DtStrtab = 5, DtRpath = 15, DtRunpath = 29;

    /// <summary>Null when the file is not a 64-bit little-endian ELF or is truncated.</summary>
    public static ElfDynamicInfo? Read(string file)
    {
        try
        {
            using var handle = File.OpenHandle(file);
            var length = RandomAccess.GetLength(handle);
            var header = new byte[64];
            if (RandomAccess.Read(handle, header, 0) < 64) return null;
            if (header[0] != 0x7F || header[1] != 'E' || header[2] != 'L' || header[3] != 'F' || header[4] != 2 || header[5] != 1) return null;
            var phoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(0x20));
            var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x36));
            var phnum = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x38));
            if (phentsize < 56 || phnum == 0 || phoff + (long)phentsize * phnum > length) return null;
            var ph = new byte[phentsize * phnum];
            RandomAccess.Read(handle, ph, phoff);
            var loads = new List<(long VAddr, long Offset, long Size)>();
            (long Offset, long Size)? dynamic = null;
            for (var i = 0; i < phnum; i++)
            {
                var e = ph.AsSpan(i * phentsize);
                var type = BinaryPrimitives.ReadUInt32LittleEndian(e);
                var offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(e[8..]);
                var vaddr = (long)BinaryPrimitives.ReadUInt64LittleEndian(e[16..]);
                var filesz = (long)BinaryPrimitives.ReadUInt64LittleEndian(e[32..]);
                if (type == PtLoad) loads.Add((vaddr, offset, filesz));
                else if (type == PtDynamic) dynamic = (offset, filesz);
            }
            if (dynamic is not { } dyn || dyn.Offset + dyn.Size > length || dyn.Size > 1 << 20)
                return new ElfDynamicInfo([], [], []);
            var d = new byte[dyn.Size];
            RandomAccess.Read(handle, d, dyn.Offset);
            long strtab = -1;
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
                else if (tag == DtRunpath) runpath.Add(val);
                else if (tag == DtRpath) rpath.Add(val);
            }
            var strtabOffset = loads.Where(l => strtab >= l.VAddr && strtab < l.VAddr + l.Size).Select(l => l.Offset + strtab - l.VAddr).DefaultIfEmpty(-1).First();
            if (strtabOffset < 0) return new ElfDynamicInfo([], [], []);
            string Str(long index)
            {
                var buffer = new byte[4096];
                var n = RandomAccess.Read(handle, buffer, strtabOffset + index);
                var end = Array.IndexOf(buffer, (byte)0, 0, n);
                return Encoding.UTF8.GetString(buffer, 0, end < 0 ? n : end);
            }
            return new ElfDynamicInfo(
                needed.Select(Str).ToList(),
                runpath.SelectMany(i => Str(i).Split(':', StringSplitOptions.RemoveEmptyEntries)).ToList(),
                rpath.SelectMany(i => Str(i).Split(':', StringSplitOptions.RemoveEmptyEntries)).ToList());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }

    /// <summary>
    /// Where the loader would find <paramref name="library"/> for <paramref name="elfFile"/>: its RPATH/RUNPATH
    /// (with <c>$ORIGIN</c>), then the system folders. Null when it is nowhere.
    /// </summary>
    public static string? FindLibrary(string elfFile, ElfDynamicInfo info, string library)
    {
        var origin = Path.GetDirectoryName(Path.GetFullPath(elfFile))!;
        var dirs = info.RPath.Concat(info.RunPath)
            .Select(d => d.Replace("$ORIGIN", origin).Replace("${ORIGIN}", origin))
            .Concat(SystemLibraryFolders);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, library);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static readonly string[] SystemLibraryFolders =
        ["/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu"];
}
