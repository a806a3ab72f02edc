using System.Buffers;
using System.Buffers.Binary;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>The object formats a loader understands: Linux/BSD (ELF), macOS (Mach-O), Windows (PE).</summary>
public enum BinaryFormat { Elf, MachO, Pe }

/// <summary>
/// What a compiled file's headers say: its format, the CPU(s) it is for (a fat Mach-O holds several), for ELF the
/// C library it was linked against (<c>glibc</c>, <c>musl</c>, or null when nothing says) and its dynamic section
/// (64-bit little-endian ELF only: the only kind whose libraries we resolve). Machine names follow the Linux
/// triplets (<c>x86_64</c>, <c>aarch64</c>, <c>i386</c>...), whatever the format calls them. A Mach-O file read from disk
/// also carries its load commands (<see cref="MachO"/>: each slice's libraries and run paths).
/// </summary>
public sealed record BinaryHeader(BinaryFormat Format, IReadOnlyList<string> Machines, string? Libc, ElfDynamicInfo? Dynamic)
{
    /// <summary>A Mach-O file's load commands, per slice (null for other formats, and for a header parsed from bytes alone).</summary>
    public MachOLinks? MachO { get; init; }

    /// <summary>"ELF x86_64 (glibc)", "Mach-O x86_64+aarch64", "PE x86_64": for messages.</summary>
    public string Describe()
    {
        var format = Format switch { BinaryFormat.Elf => "ELF", BinaryFormat.MachO => "Mach-O", _ => "PE" };
        return $"{format} {string.Join('+', Machines)}" + (Libc is null ? "" : $" ({Libc})");
    }
}

/// <summary>
/// Reads <see cref="BinaryHeader"/>s. Only headers: the first 8 KB, plus the program headers and dynamic strings of
/// an ELF (see <see cref="ElfDynamic"/>) or the load commands of each Mach-O slice (see <see cref="MachOLoadCommands"/>). Never loads or runs a file. Hand-written: .NET reads none of these formats.
/// </summary>
public static class BinaryHeaders
{
    // 8 KB: enough for the program headers and, in most modules, the dynamic strings too (one read fewer).
    private const int HeadSize = 8192;

    /// <summary>The header of <paramref name="file"/>, or null when it is not an ELF, Mach-O or PE file (or unreadable).</summary>
    public static BinaryHeader? Read(string file)
    {
        try
        {
            using var reader = new WorkspaceFile.Positional(file);
            // Pooled: a cold scan of a torch-size environment reads thousands of heads, and fresh 8 KB arrays for each
            // were a large share of its time (garbage collections).
            var head = ArrayPool<byte>.Shared.Rent(HeadSize);
            try
            {
                var n = reader.Read(head.AsSpan(0, HeadSize), 0);
                var header = Parse(head.AsSpan(0, n));
                if (header is { Format: BinaryFormat.Elf } && IsElf64Le(head))
                {
                    var dynamic = ElfDynamic.Read(head.AsSpan(0, n), reader.Read);
                    header = header with { Dynamic = dynamic, Libc = LibcOf(dynamic) };
                }
                else if (header is { Format: BinaryFormat.MachO })
                    header = header with { MachO = MachOLoadCommands.Read(head.AsSpan(0, n), reader.Read) };
                return header;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(head);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }

    /// <summary>Format and machine from a file's first bytes (no dynamic section).</summary>
    public static BinaryHeader? Parse(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 20 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F')
        {
            var little = head[5] != 2;
            var machine = little ? BinaryPrimitives.ReadUInt16LittleEndian(head[18..]) : BinaryPrimitives.ReadUInt16BigEndian(head[18..]);
            return new BinaryHeader(BinaryFormat.Elf, [ElfMachine(machine, head[4] == 2, little)], null, null);
        }
        if (head.Length >= 8)
        {
            var be = BinaryPrimitives.ReadUInt32BigEndian(head);
            var le = BinaryPrimitives.ReadUInt32LittleEndian(head);
            if (le is 0xFEEDFACE or 0xFEEDFACF)
                return new BinaryHeader(BinaryFormat.MachO, [MachOCpu(BinaryPrimitives.ReadUInt32LittleEndian(head[4..]))], null, null);
            if (be is 0xFEEDFACE or 0xFEEDFACF)
                return new BinaryHeader(BinaryFormat.MachO, [MachOCpu(BinaryPrimitives.ReadUInt32BigEndian(head[4..]))], null, null);
            // Fat (universal) Mach-O. Java class files share 0xCAFEBABE; there the next word is a version (45+), here
            // a small architecture count.
            if (be is 0xCAFEBABE or 0xCAFEBABF && BinaryPrimitives.ReadUInt32BigEndian(head[4..]) is var count and > 0 and < 20)
            {
                var entry = be == 0xCAFEBABE ? 20 : 32;
                var cpus = new List<string>();
                for (var i = 0; i < count && 8 + (i + 1) * entry <= head.Length; i++)
                    cpus.Add(MachOCpu(BinaryPrimitives.ReadUInt32BigEndian(head[(8 + i * entry)..])));
                return new BinaryHeader(BinaryFormat.MachO, cpus, null, null);
            }
        }
        if (head.Length >= 0x40 && head[0] == 'M' && head[1] == 'Z')
        {
            var pe = BinaryPrimitives.ReadInt32LittleEndian(head[0x3C..]);
            if (pe > 0 && pe + 6 <= head.Length && head[pe] == 'P' && head[pe + 1] == 'E' && head[pe + 2] == 0 && head[pe + 3] == 0)
                return new BinaryHeader(BinaryFormat.Pe, [PeMachine(BinaryPrimitives.ReadUInt16LittleEndian(head[(pe + 4)..]))], null, null);
        }
        return null;
    }

    /// <summary>musl shows in the loader an executable names, or in a shared object's needed <c>libc.musl-*.so.1</c>.</summary>
    public static string? LibcOf(ElfDynamicInfo? dynamic)
    {
        if (dynamic is null) return null;
        if (dynamic.Interpreter is { } interp) return interp.Contains("musl", StringComparison.Ordinal) ? "musl" : "glibc";
        foreach (var n in dynamic.Needed)
        {
            if (n.StartsWith("libc.musl-", StringComparison.Ordinal) || n == "libc.so") return "musl";
            if (n == "libc.so.6") return "glibc";
        }
        return null;
    }

    private static bool IsElf64Le(ReadOnlySpan<byte> head) => head.Length > 5 && head[4] == 2 && head[5] == 1;

    private static string ElfMachine(ushort machine, bool is64, bool little) => machine switch
    {
        3 => "i386",
        8 => "mips",
        20 => "ppc",
        21 => little ? "ppc64le" : "ppc64",
        22 => "s390x",
        40 => "arm",
        62 => is64 ? "x86_64" : "x32",
        183 => "aarch64",
        243 => is64 ? "riscv64" : "riscv32",
        258 => "loongarch64",
        _ => $"elf-machine-{machine}",
    };

    internal static string MachOCpu(uint cpu) => cpu switch
    {
        7 => "i386",
        0x01000007 => "x86_64",
        12 => "arm",
        0x0100000C => "aarch64",
        0x0200000C => "arm64_32",
        18 => "ppc",
        0x01000012 => "ppc64",
        _ => $"macho-cpu-{cpu:x}",
    };

    private static string PeMachine(ushort machine) => machine switch
    {
        0x14C => "i386",
        0x8664 => "x86_64",
        0xAA64 => "aarch64",
        0x1C4 => "arm",
        _ => $"pe-machine-{machine:x}",
    };
}
