using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Diagnosis.Rules;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Diagnosis;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Native;

/// <summary>
/// Mach-O load commands and dyld's resolution for <c>library-missing</c>, on real Mach-O files built here by clang and
/// ld64.lld (dylibs, bundles, an executable as the base interpreter, a universal file), read as llvm-otool reads them,
/// in a venv laid out as on macOS. The rule resolves Mach-O only where Mach-O is the host's format, so these tests ask
/// it to (<c>new LibraryMissingRule(machOLoader: true)</c>), and check that this Linux host's default leaves it alone.
/// </summary>
public sealed class MachOLoaderTests
{
    [MachOFact]
    public void Load_commands_read_as_llvm_otool_prints_them_thin_and_fat()
    {
        using var tmp = new TempDir("vd-macho");
        var foo = MachOBuilds.Dylib(tmp.Combine("lib", "libfoo.dylib"), "@rpath/libfoo.dylib");
        var bar = MachOBuilds.Dylib(tmp.Combine("lib", "libbar.dylib"), "@rpath/libbar.dylib");
        var sys = MachOBuilds.Dylib(tmp.Combine("lib", "libSystem.B.dylib"), "/usr/lib/libSystem.B.dylib");
        var module = MachOBuilds.Bundle(tmp.Combine("mod.cpython-312-darwin.so"), "arm64",
            "-rpath", "@loader_path/../lib", "-rpath", "/opt/vd/lib", foo, sys, "-weak_library", bar, "-reexport_library", bar);

        var header = BinaryHeaders.Read(module)!;
        Assert.Equal("Mach-O aarch64", header.Describe());
        var image = Assert.Single(header.MachO!.Slices);
        Assert.Null(header.MachO.Problem);
        Assert.Equal(MachOBuilds.OtoolLibraries(module), image.Dylibs.Select(d => d.Name));
        Assert.Equal([DylibKind.Load, DylibKind.Load, DylibKind.Weak, DylibKind.Reexport], image.Dylibs.Select(d => d.Kind));
        Assert.Equal(["@loader_path/../lib", "/opt/vd/lib"], image.RPaths);
        Assert.Null(image.InstallName);
        Assert.Equal("@rpath/libfoo.dylib", BinaryHeaders.Read(foo)!.MachO!.Slices[0].InstallName);

        // A universal file: both slices read, each with its own load commands; dyld takes the host's.
        var intel = MachOBuilds.Bundle(tmp.Combine("x86", "mod.so"), "x86_64", "-rpath", "@loader_path/intel", MachOBuilds.Dylib(tmp.Combine("x86", "libi.dylib"), "@rpath/libi.dylib", "x86_64"));
        var fat = MachOBuilds.Fat(tmp.Combine("fat.so"), intel, module);
        var universal = BinaryHeaders.Read(fat)!;
        Assert.Equal("Mach-O x86_64+aarch64", universal.Describe());
        Assert.Equal(["@rpath/libi.dylib"], universal.MachO!.For("x86_64")!.Dylibs.Select(d => d.Name));
        Assert.Equal(MachOBuilds.OtoolLibraries(intel), universal.MachO.For("x86_64")!.Dylibs.Select(d => d.Name));
        Assert.Equal(["@loader_path/intel"], universal.MachO.For("x86_64")!.RPaths);
        Assert.Equal(image.Dylibs, universal.MachO.For("aarch64")!.Dylibs);
        Assert.Equal(image.RPaths, universal.MachO.For("aarch64")!.RPaths);
        Assert.Null(universal.MachO.Problem);
    }

    [MachOFact]
    public void Dyld_resolution_finds_what_is_there_and_reports_only_what_dyld_would_not_load()
    {
        using var env = new MacVenv();
        var dylibs = Path.Combine(env.Site, "vdmac", ".dylibs");
        // @rpath through two LC_RPATHs: the first leads nowhere, the second to the package's own .dylibs.
        var ok = MachOBuilds.Dylib(Path.Combine(dylibs, "libok.dylib"), "@rpath/libok.dylib");
        MachOBuilds.Bundle(env.At("vdmac/_rpath.cpython-312-darwin.so"), "arm64", "-rpath", "@loader_path/nowhere", "-rpath", "@loader_path/.dylibs", ok);
        // @loader_path (delocate's form), @executable_path (the base's lib/), @rpath through the executable's own LC_RPATH.
        MachOBuilds.Bundle(env.At("vdmac/_loader.abi3.so"), "arm64", MachOBuilds.Dylib(Path.Combine(dylibs, "libl.dylib"), "@loader_path/.dylibs/libl.dylib"));
        MachOBuilds.Bundle(env.At("vdmac/_exe.so"), "arm64", MachOBuilds.Dylib(Path.Combine(env.Base, "lib", "libexe.dylib"), "@executable_path/../lib/libexe.dylib"));
        MachOBuilds.Bundle(env.At("vdmac/_exerpath.so"), "arm64", MachOBuilds.Dylib(Path.Combine(env.Base, "lib", "libbaserp.dylib"), "@rpath/libbaserp.dylib"));
        // System libraries live in the dyld shared cache from macOS 11 on: present by definition, never on disk.
        MachOBuilds.Bundle(env.At("vdmac/_sys.so"), "arm64",
            MachOBuilds.Dylib(env.Tmp.Combine("stubs", "libSystem.B.dylib"), "/usr/lib/libSystem.B.dylib"),
            MachOBuilds.Dylib(env.Tmp.Combine("stubs", "CoreFoundation"), "/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation"));
        // A weak library that is gone: dyld binds its symbols to null and the import works.
        var weakGone = MachOBuilds.Dylib(env.Tmp.Combine("gone", "libweak.dylib"), "@rpath/libweak.dylib");
        MachOBuilds.Bundle(env.At("vdmac/_weak.so"), "arm64", "-rpath", "@loader_path/.dylibs", "-weak_library", weakGone);
        // A bundled library that needs another by @rpath with no run path of its own: found through its loader's.
        var deep = MachOBuilds.Dylib(Path.Combine(dylibs, "libdeep.dylib"), "@rpath/libdeep.dylib");
        var chain = MachOBuilds.Dylib(Path.Combine(dylibs, "libchain.dylib"), "@rpath/libchain.dylib", "arm64", deep);
        MachOBuilds.Bundle(env.At("vdmac/_chain.so"), "arm64", "-rpath", "@loader_path/.dylibs", chain);
        // Two bundled libraries that need each other: followed once each.
        var loopA = env.Tmp.Combine("loop", "libloopa.dylib");
        var loopB = MachOBuilds.Dylib(Path.Combine(dylibs, "libloopb.dylib"), "@rpath/libloopb.dylib", "arm64", "-undefined", "dynamic_lookup",
            MachOBuilds.Dylib(loopA, "@rpath/libloopa.dylib"));
        File.Copy(MachOBuilds.Dylib(env.Tmp.Combine("loop2", "libloopa.dylib"), "@rpath/libloopa.dylib", "arm64", loopB), Path.Combine(dylibs, "libloopa.dylib"));
        MachOBuilds.Bundle(env.At("vdmac/_loop.so"), "arm64", "-rpath", "@loader_path/.dylibs", Path.Combine(dylibs, "libloopa.dylib"));
        // A universal module: its arm64 slice's library is there.
        var fatArm = MachOBuilds.Bundle(env.Tmp.Combine("fat", "arm64.so"), "arm64", MachOBuilds.Dylib(Path.Combine(env.Site, "vdmac", "libfat.dylib"), "@loader_path/libfat.dylib"));
        var fatIntel = MachOBuilds.Bundle(env.Tmp.Combine("fat", "x86_64.so"), "x86_64", MachOBuilds.Dylib(env.Tmp.Combine("fat", "libintel.dylib"), "@loader_path/libintel-gone.dylib", "x86_64"));
        MachOBuilds.Fat(env.At("vdmac/_universal.cpython-312-darwin.so"), fatIntel, fatArm);

        // What dyld would not load: a missing @rpath library, a Homebrew library at an absolute path that is not there,
        // and a library that is there but only for x86_64 (dyld goes past it: "incompatible architecture").
        MachOBuilds.Bundle(env.At("vdbroken/_miss.so"), "arm64", "-rpath", "@loader_path/.dylibs",
            MachOBuilds.Dylib(env.Tmp.Combine("gone", "libmissing.dylib"), "@rpath/libmissing.dylib"),
            MachOBuilds.Dylib(env.Tmp.Combine("gone", "libssl.3.dylib"), "/opt/homebrew/opt/openssl@3/lib/libssl.3.dylib"),
            MachOBuilds.Dylib(env.At("vdbroken/.dylibs/libintel.dylib"), "@rpath/libintel.dylib", "x86_64"));
        // A bundled library that needs one that is gone.
        var lost = MachOBuilds.Dylib(env.Tmp.Combine("gone", "liblost.dylib"), "@rpath/liblost.dylib");
        var half = MachOBuilds.Dylib(env.At("vdbroken/.dylibs/libhalf.dylib"), "@rpath/libhalf.dylib", "arm64", lost);
        MachOBuilds.Bundle(env.At("vdbroken/_half.so"), "arm64", "-rpath", "@loader_path/.dylibs", half);
        Directory.Delete(env.Tmp.Combine("gone"), recursive: true);

        var findings = new LibraryMissingRule(machOLoader: true).Check(env.Context()).ToList();
        Assert.Equal(["/opt/homebrew/opt/openssl@3/lib/libssl.3.dylib", "@rpath/libintel.dylib", "@rpath/liblost.dylib", "@rpath/libmissing.dylib"],
            findings.Select(f => f.Data["library"]).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
        var byLibrary = findings.ToDictionary(f => f.Data["library"]);
        Assert.Equal("lib/python3.12/site-packages/vdbroken/_miss.so", byLibrary["@rpath/libmissing.dylib"].Data["modules"]);
        Assert.Equal(Path.Combine(env.Site, "vdbroken", ".dylibs", "libmissing.dylib"), byLibrary["@rpath/libmissing.dylib"].Data["searched"].Split('\n')[0]);
        Assert.Contains("/usr/local/lib/libssl.3.dylib", byLibrary["/opt/homebrew/opt/openssl@3/lib/libssl.3.dylib"].Data["searched"]);
        Assert.Equal("lib/python3.12/site-packages/vdbroken/.dylibs/libhalf.dylib", byLibrary["@rpath/liblost.dylib"].Data["modules"]);
        Assert.Contains("Library not loaded", byLibrary["@rpath/libmissing.dylib"].Message);

        // On this Linux host the default rule leaves a Mach-O environment alone: it cannot run here at all.
        Assert.Empty(new LibraryMissingRule().Check(env.Context()));
        Assert.DoesNotContain(DiagnosisTestKit.Diagnose(env.Path).Findings, f => f.Code == FindingCodes.LibraryMissing);
    }

    [MachOFact]
    public void A_darwin_tag_is_this_hosts_on_macOS_and_another_platforms_elsewhere()
    {
        using var env = new MacVenv();
        var module = MachOBuilds.Bundle(env.At("vdtag/_ok.cpython-312-darwin.so"), "arm64");
        MachOBuilds.Bundle(env.At("vdtag/_old.cpython-311-darwin.so"), "arm64");
        Assert.Equal("darwin", ExtensionTag.Of(Path.GetFileName(module))!.Platform);
        var findings = new ExtensionAbiMismatchRule().Check(env.Context()).ToList();
        var finding = Assert.Single(findings);
        Assert.Equal("cpython-311-darwin", finding.Data["tags"]);
        Assert.StartsWith("cpython-312-darwin", finding.Data["expected"]);
    }

    [MachOFact(inLinuxVenv: true)]
    public void In_a_Linux_venv_a_universal2_module_is_foreign_and_a_darwin_tag_is_another_platforms()
    {
        using var env = new NativeEnv();
        using var tmp = new TempDir("vd-macho");
        var fat = MachOBuilds.Fat(env.At("vduni/_speed.cpython-312-darwin.so"),
            MachOBuilds.Bundle(tmp.Combine("x86_64.so"), "x86_64"), MachOBuilds.Bundle(tmp.Combine("arm64.so"), "arm64"));
        // A darwin-tagged module whose header says nothing (a stub left by a sync): its name alone rules it out here.
        var stub = env.At("vdstub/_stub.cpython-312-darwin.so");
        File.WriteAllText(stub, "not a binary\n");
        env.Record("vduni", "1.0", [fat], "cp312-cp312-macosx_10_13_universal2");
        env.Record("vdstub", "1.0", [stub], "cp312-cp312-macosx_11_0_arm64");

        var import = env.Import("vdstub._stub");
        Assert.NotEqual(0, import.ExitCode);
        Assert.Contains("No module named 'vdstub._stub'", import.StdErr);

        var diagnosis = DiagnosisTestKit.Diagnose(env.Path);
        var foreign = diagnosis.Single(FindingCodes.ForeignBinary);
        Assert.Equal("vduni", foreign.Data["distribution"]);
        Assert.Equal("Mach-O x86_64+aarch64", foreign.Data["formats"]);
        var mismatch = diagnosis.Single(FindingCodes.ExtensionAbiMismatch);
        Assert.Equal("vdstub", mismatch.Data["distribution"]);
        Assert.Equal("cpython-312-darwin (macOS)", mismatch.Data["tags"]);
        Assert.Equal("lib/python3.12/site-packages/vdstub/_stub.cpython-312-darwin.so", mismatch.Data["modules"]);
        Assert.DoesNotContain(diagnosis.Findings, f => f.Code == FindingCodes.LibraryMissing);
    }

    [RuntimePackFact]
    public void Real_dylibs_of_the_osx_runtime_packs_read_as_llvm_otool_prints_them_and_need_only_the_shared_cache()
    {
        foreach (var (rid, machine) in new[] { ("osx-arm64", "aarch64"), ("osx-x64", "x86_64") })
            foreach (var name in new[] { "libSystem.Native.dylib", "libclrjit.dylib", "libcoreclr.dylib" })
            {
                var dylib = Path.Combine(RuntimePackFactAttribute.NativeFolder(rid)!, name);
                var header = BinaryHeaders.Read(dylib)!;
                Assert.Equal($"Mach-O {machine}", header.Describe());
                var image = Assert.Single(header.MachO!.Slices);
                Assert.Null(header.MachO.Problem);
                Assert.Equal($"@rpath/{name}", image.InstallName);
                // otool -L prints a library's own install name first, then what it needs.
                var printed = MachOBuilds.OtoolLibraries(dylib);
                Assert.Equal(image.InstallName, printed[0]);
                Assert.Equal(printed.Skip(1), image.Dylibs.Select(d => d.Name));
                Assert.Contains("/usr/lib/libSystem.B.dylib", image.Dylibs.Select(d => d.Name));
                var search = new DyldSearch(new HostPlatform(BinaryFormat.MachO, machine, null), executable: null, new BinaryHeaderCache());
                Assert.All(image.Dylibs, d => Assert.True(search.Find(dylib, [], d.Name).SharedCache, $"{name}: {d.Name}"));
            }
    }

    [Fact]
    public void Hostile_Mach_O_files_end_the_parse_with_one_line_and_never_throw()
    {
        var real = ThinDylibBytes();
        void Word(byte[] b, int at, uint v) => BitConverter.TryWriteBytes(b.AsSpan(at), v);
        var cases = new Dictionary<string, (byte[] Bytes, string Says)>
        {
            ["truncated commands"] = (real[..40], "run past the end of the file"),
            ["absurd sizeofcmds"] = (Mutate(real, b => Word(b, 20, 0x7FFFFFF0)), "bytes of load commands"),
            ["absurd ncmds"] = (Mutate(real, b => Word(b, 16, 0xFFFFFFFF)), "load commands in"),
            ["a command of size 0"] = (Mutate(real, b => Word(b, 32 + 4, 0)), "has a size of 0 bytes"),
            ["a command past the others"] = (Mutate(real, b => Word(b, 32 + 4, 0x10000)), "has a size of"),
            ["a fat slice past the end"] = (FatAround(real, sliceOffset: 0x7FFF0000), "past the end of the file"),
            ["a fat file of 17 slices"] = (Mutate(FatAround(real, 4096), b => b[7] = 17), "17 architectures"),
        };
        foreach (var (name, (bytes, says)) in cases)
        {
            var links = MachOLoadCommands.Read(bytes, From(bytes));
            Assert.True(links is not null, name);
            Assert.True(links!.Problem is not null && links.Problem.Contains(says, StringComparison.Ordinal) && !links.Problem.Contains('\n'), $"{name}: {links.Problem}");
        }
        Assert.Null(MachOLoadCommands.Read([0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 0x41, 0, 0, 0, 0], (_, _) => 0));   // a Java class file
    }

    [MachOFact]
    public void A_run_path_that_names_rpath_itself_is_skipped_as_dyld_skips_it()
    {
        using var env = new MacVenv();
        var dylibs = Path.Combine(env.Site, "vdloop", ".dylibs");
        var lib = MachOBuilds.Dylib(Path.Combine(dylibs, "libself.dylib"), "@rpath/libself.dylib");
        MachOBuilds.Bundle(env.At("vdloop/_self.so"), "arm64", "-rpath", "@rpath/../.dylibs", "-rpath", "@rpath", lib);
        var finding = Assert.Single(new LibraryMissingRule(machOLoader: true).Check(env.Context()));
        Assert.Equal("@rpath/libself.dylib", finding.Data["library"]);
        // Only the executable's own run path was tried: the module's two name @rpath and lead nowhere.
        Assert.Equal([Path.Combine(env.Base, "lib", "libself.dylib")], finding.Data["searched"].Split('\n'));
    }

    /// <summary>Reads <paramref name="bytes"/> as a file: fewer bytes at its end, none past it.</summary>
    private static ElfDynamic.ReadAt From(byte[] bytes) => (buffer, offset) =>
    {
        if (offset >= bytes.Length) return 0;
        var n = (int)Math.Min(buffer.Length, bytes.Length - offset);
        bytes.AsSpan((int)offset, n).CopyTo(buffer);
        return n;
    };

    private static byte[] Mutate(byte[] bytes, Action<byte[]> change)
    {
        var copy = bytes.ToArray();
        change(copy);
        return copy;
    }

    /// <summary>A fat header of one arm64 slice at <paramref name="sliceOffset"/> (the slice itself at 4096 when it fits).</summary>
    private static byte[] FatAround(byte[] thin, uint sliceOffset)
    {
        var b = new byte[4096 + thin.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b, 0xCAFEBABE);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), 0x0100000C);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(16), sliceOffset);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(20), (uint)thin.Length);
        thin.CopyTo(b, 4096);
        return b;
    }

    /// <summary>A thin arm64 dylib's header and its one load command (<c>LC_ID_DYLIB</c>), byte by byte: the shape every case garbles.</summary>
    private static byte[] ThinDylibBytes()
    {
        var b = new byte[32 + 48];
        BitConverter.TryWriteBytes(b.AsSpan(0), 0xFEEDFACFu);
        BitConverter.TryWriteBytes(b.AsSpan(4), 0x0100000Cu);
        BitConverter.TryWriteBytes(b.AsSpan(12), 6u);        // MH_DYLIB
        BitConverter.TryWriteBytes(b.AsSpan(16), 1u);        // ncmds
        BitConverter.TryWriteBytes(b.AsSpan(20), 48u);       // sizeofcmds
        BitConverter.TryWriteBytes(b.AsSpan(32), 0xDu);      // LC_ID_DYLIB
        BitConverter.TryWriteBytes(b.AsSpan(36), 48u);
        BitConverter.TryWriteBytes(b.AsSpan(40), 24u);       // name offset
        "@rpath/libx.dylib"u8.CopyTo(b.AsSpan(32 + 24));
        Assert.Equal("@rpath/libx.dylib", MachOLoadCommands.Read(b, (_, _) => 0)!.Slices[0].InstallName);
        return b;
    }
}
