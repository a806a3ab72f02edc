using System.Buffers.Binary;
using System.Text;

namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>How an image names a library it needs: <c>LC_LOAD_DYLIB</c> (also lazy and upward loads), <c>LC_LOAD_WEAK_DYLIB</c>
/// (a missing one is not an error: dyld binds its symbols to null), <c>LC_REEXPORT_DYLIB</c> (loaded, and its symbols passed on).</summary>
public enum DylibKind { Load, Weak, Reexport }

/// <summary>One library an image needs, as its load command names it (<c>@rpath/libfoo.dylib</c>, <c>/usr/lib/libSystem.B.dylib</c>).</summary>
public sealed record MachODylib(string Name, DylibKind Kind);

/// <summary>
/// The load commands of one Mach-O image (one slice of a fat file) that decide what dyld loads: the libraries it needs,
/// its run-path folders (<c>LC_RPATH</c>, in order) and its own install name (<c>LC_ID_DYLIB</c>, for a library).
/// </summary>
public sealed record MachOImage(string Machine, IReadOnlyList<MachODylib> Dylibs, IReadOnlyList<string> RPaths, string? InstallName);

/// <summary>
/// Every slice of a Mach-O file that could be read (a thin file has one), and, when some could not, why
/// (<see cref="Problem"/>: one line, e.g. "its load commands run past the end of the file").
/// </summary>
public sealed record MachOLinks(IReadOnlyList<MachOImage> Slices, string? Problem)
{
    /// <summary>The slice dyld would pick on <paramref name="machine"/>, or null when the file has none for it.</summary>
    public MachOImage? For(string machine) => Slices.FirstOrDefault(s => s.Machine == machine);
}

/// <summary>
/// Reads the load commands of a Mach-O file, thin or fat (universal: <c>FAT_MAGIC</c>/<c>FAT_MAGIC_64</c>), in either byte
/// order, from the header and the <c>sizeofcmds</c> bytes after it only: never the whole file. Hostile input (a truncated
/// header, absurd <c>ncmds</c>/<c>sizeofcmds</c>, a command whose size runs past the others, a slice past the end of the
/// file) ends that slice's parse with a <see cref="MachOLinks.Problem"/>, never an exception. Hand-written: .NET reads no
/// Mach-O, and we need five load commands (<c>mach-o/loader.h</c>, <c>mach-o/fat.h</c>).
/// </summary>
public static class MachOLoadCommands
{
    private const uint LcReqDyld = 0x80000000;
    private const uint LcLoadDylib = 0xC, LcIdDylib = 0xD, LcLoadWeakDylib = 0x18 | LcReqDyld, LcRPath = 0x1C | LcReqDyld,
        LcReexportDylib = 0x1F | LcReqDyld, LcLazyLoadDylib = 0x20, LcLoadUpwardDylib = 0x23 | LcReqDyld;

    /// <summary>Load commands larger than this are not a real image's (a large framework's are a few tens of KB).</summary>
    public const int MaxSizeOfCommands = 1 << 20;
    /// <summary>More slices than any universal binary holds (Apple's tools make two or three).</summary>
    public const int MaxSlices = 16;
    /// <summary>More libraries or run paths than any real image names: the rest are ignored, and said to be.</summary>
    public const int MaxEntries = 4096;

    /// <summary>The links of a Mach-O file whose first bytes are <paramref name="head"/>; null when it is not Mach-O.</summary>
    public static MachOLinks? Read(ReadOnlySpan<byte> head, ElfDynamic.ReadAt read)
    {
        if (head.Length < 8) return null;
        var be = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (be is 0xCAFEBABE or 0xCAFEBABF) return ReadFat(head, read, wide: be == 0xCAFEBABF);
        var slices = new List<MachOImage>();
        var problem = ReadSlice(head, read, 0, slices);
        return problem == NotMachO ? null : new MachOLinks(slices, problem);
    }

    private const string NotMachO = "\0not Mach-O";

    private static MachOLinks? ReadFat(ReadOnlySpan<byte> head, ElfDynamic.ReadAt read, bool wide)
    {
        var count = BinaryPrimitives.ReadUInt32BigEndian(head[4..]);
        // Java class files share 0xCAFEBABE; their second word is a version (45+), a fat file's a small count.
        if (count is 0 or >= 20) return null;
        if (count > MaxSlices) return new MachOLinks([], $"its fat header lists {count} architectures (at most {MaxSlices} are read)");
        var entry = wide ? 32 : 20;
        var table = ElfDynamic.Bytes(head, read, 8, (int)count * entry);
        if (table is null) return new MachOLinks([], "its fat header is truncated");
        var slices = new List<MachOImage>();
        string? problem = null;
        for (var i = 0; i < count; i++)
        {
            var e = table.AsSpan(i * entry);
            var offset = wide ? (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(e[8..]), long.MaxValue) : BinaryPrimitives.ReadUInt32BigEndian(e[8..]);
            var sliceHead = ElfDynamic.Bytes(head, read, offset, 32);
            var why = sliceHead is null ? $"its {BinaryHeaders.MachOCpu(BinaryPrimitives.ReadUInt32BigEndian(e))} slice at offset {offset} is past the end of the file"
                : ReadSlice(sliceHead, read, offset, slices);
            if (why == NotMachO) why = $"its slice at offset {offset} is not a Mach-O image";
            problem ??= why;
        }
        return new MachOLinks(slices, problem);
    }

    /// <summary>Adds the image at <paramref name="start"/> to <paramref name="slices"/>; returns why it could not, or null.</summary>
    private static string? ReadSlice(ReadOnlySpan<byte> head, ElfDynamic.ReadAt read, long start, List<MachOImage> slices)
    {
        if (head.Length < 28) return NotMachO;
        var le = BinaryPrimitives.ReadUInt32LittleEndian(head);
        var big = false;
        if (le is not (0xFEEDFACE or 0xFEEDFACF))
        {
            var be = BinaryPrimitives.ReadUInt32BigEndian(head);
            if (be is not (0xFEEDFACE or 0xFEEDFACF)) return NotMachO;
            big = true;
            le = be;
        }
        uint U32(ReadOnlySpan<byte> s) => big ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
        var machine = BinaryHeaders.MachOCpu(U32(head[4..]));
        var ncmds = U32(head[16..]);
        var sizeOfCmds = U32(head[20..]);
        var headerSize = le == 0xFEEDFACF ? 32 : 28;
        if (sizeOfCmds > MaxSizeOfCommands) return $"its {machine} header says {sizeOfCmds} bytes of load commands (at most {MaxSizeOfCommands} are read)";
        if (ncmds > sizeOfCmds / 8) return $"its {machine} header says {ncmds} load commands in {sizeOfCmds} bytes";
        var commands = ElfDynamic.Bytes(start == 0 ? head : [], read, start + headerSize, (int)sizeOfCmds);
        if (commands is null) return $"its {machine} load commands run past the end of the file";
        var (image, problem) = Commands(commands, (int)ncmds, machine, U32);
        slices.Add(image);
        return problem;
    }

    private delegate uint Word(ReadOnlySpan<byte> s);

    private static (MachOImage Image, string? Problem) Commands(byte[] commands, int ncmds, string machine, Word u32)
    {
        var dylibs = new List<MachODylib>();
        var rpaths = new List<string>();
        string? id = null, problem = null;
        var at = 0;
        for (var i = 0; i < ncmds; i++)
        {
            if (at + 8 > commands.Length) { problem = $"its {machine} load command {i} runs past the others"; break; }
            var cmd = u32(commands.AsSpan(at));
            var size = u32(commands.AsSpan(at + 4));
            if (size < 8 || size > commands.Length - at) { problem = $"its {machine} load command {i} has a size of {size} bytes"; break; }
            var body = commands.AsSpan(at, (int)size);
            at += (int)size;
            var kind = cmd switch
            {
                LcLoadDylib or LcLazyLoadDylib or LcLoadUpwardDylib => DylibKind.Load,
                LcLoadWeakDylib => DylibKind.Weak,
                LcReexportDylib => DylibKind.Reexport,
                _ => (DylibKind?)null,
            };
            if (kind is null && cmd is not (LcIdDylib or LcRPath)) continue;
            // dylib_command and rpath_command both start their string with an offset from the command's start.
            if (body.Length < 12 || Str(body, u32(body[8..])) is not { } name) { problem ??= $"its {machine} load command {i} names no path"; continue; }
            if (dylibs.Count + rpaths.Count >= MaxEntries) { problem ??= $"its {machine} image names more than {MaxEntries} libraries and run paths"; break; }
            if (kind is { } k) dylibs.Add(new MachODylib(name, k));
            else if (cmd == LcRPath) rpaths.Add(name);
            else id ??= name;
        }
        return (new MachOImage(machine, dylibs, rpaths, id), problem);
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> inside the command, or null when it is not there.</summary>
    private static string? Str(ReadOnlySpan<byte> body, uint offset)
    {
        if (offset < 8 || offset >= body.Length) return null;
        var rest = body[(int)offset..];
        var end = rest.IndexOf((byte)0);
        var text = end < 0 ? rest : rest[..end];
        return text.Length == 0 ? null : Encoding.UTF8.GetString(text);
    }
}
