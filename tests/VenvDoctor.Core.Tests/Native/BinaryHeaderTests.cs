using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Native;

/// <summary>The header readers on real files: the interpreters' own binaries, Debian's aarch64 zlib, this machine's
/// ld.so.cache checked against <c>ldconfig -p</c>, and byte-by-byte Mach-O/PE headers (and a Java class file, which
/// shares the fat Mach-O magic).</summary>
public sealed class BinaryHeaderTests
{
    [PythonFact("3.12")]
    public void A_real_interpreter_and_its_modules_read_as_x86_64_glibc_with_their_needed_libraries()
    {
        var py = Pythons.Find("3.12")!;
        var exe = BinaryHeaders.Read(py.Executable)!;
        Assert.Equal(BinaryFormat.Elf, exe.Format);
        Assert.Equal([System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64"], exe.Machines);
        Assert.Equal("glibc", exe.Libc);
        Assert.StartsWith("/lib", exe.Dynamic!.Interpreter);
        // binutils (a dependency of gcc) as the peer: the same needed libraries, in the same order.
        var readelf = Run.Checked("readelf", "-d", py.Executable).StdOut.Split('\n').Where(l => l.Contains("(NEEDED)"))
            .Select(l => l[(l.IndexOf('[') + 1)..l.IndexOf(']')]).ToList();
        Assert.Equal(readelf, exe.Dynamic.Needed);
    }

    [NativeFact]
    public void Debians_aarch64_zlib_is_an_aarch64_elf()
    {
        Assert.True(File.Exists(NativeBuilds.Arm64Zlib), $"{NativeBuilds.Arm64Zlib} is missing: scripts/setup.sh unpacks Debian's zlib1g:arm64 there");
        var h = BinaryHeaders.Read(NativeBuilds.Arm64Zlib)!;
        Assert.Equal("ELF aarch64 (glibc)", h.Describe());
        Assert.Equal("libz.so.1", Run.Checked("objdump", "-p", NativeBuilds.Arm64Zlib).StdOut.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("SONAME")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    [Fact]
    public void Mach_O_and_PE_headers_are_told_by_their_bytes_and_a_Java_class_file_is_not_a_fat_binary()
    {
        Assert.Equal("Mach-O aarch64", BinaryHeaders.Parse(NativeBuilds.MachOArm64Bundle())!.Describe());
        Assert.Equal("Mach-O x86_64+aarch64", BinaryHeaders.Parse(NativeBuilds.MachOFat())!.Describe());
        Assert.Equal("PE x86_64", BinaryHeaders.Parse(NativeBuilds.PeAmd64())!.Describe());
        byte[] javaClass = [0xCA, 0xFE, 0xBA, 0xBE, 0x00, 0x00, 0x00, 0x41, 0, 0, 0, 0];   // class file, major version 65
        Assert.Null(BinaryHeaders.Parse(javaClass));
        Assert.Null(BinaryHeaders.Parse("INPUT ( libfoo.so.1 )\n"u8));   // a linker script named libfoo.so
    }

    [Fact]
    public void The_loader_cache_lists_what_ldconfig_prints()
    {
        var cache = new SystemLoaderCache().Current();
        var printed = Run.Checked("/sbin/ldconfig", "-p").StdOut.Split('\n').Skip(1)
            .Select(l => l.Trim()).Where(l => l.Contains(" => "))
            .Select(l => (Soname: l[..l.IndexOf(' ')], Path: l[(l.IndexOf(" => ", StringComparison.Ordinal) + 4)..])).ToList();
        Assert.NotEmpty(printed);
        foreach (var (soname, path) in printed) Assert.Contains(path, cache.Lookup(soname));
        Assert.Equal(printed.Select(p => p.Soname).Distinct().Count(), cache.Count);
    }
}
