using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Diagnosis;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Native;

/// <summary>
/// The three native rules on real compiled files in a real 3.12 venv: modules gcc builds against the pyenv Pythons'
/// headers, modules copied from the interpreters' lib-dynload, libraries built with a soname and linked with or without
/// an <c>$ORIGIN</c> RUNPATH, Debian's real aarch64 zlib, and Mach-O / PE headers written byte by byte. Each fixture is
/// also imported by the environment's own python, so "healthy" and "cannot load" are facts, not assumptions.
/// </summary>
public sealed class NativeRulesTests
{
    [NativeFact]
    public void Healthy_layouts_stay_healthy_and_import()
    {
        using var env = new NativeEnv();
        var py = env.Python;
        // A module for this Python; an abi3 module for 3.8+; a bare .so; a real lib-dynload module copied in.
        var fast = NativeBuilds.Module(py, env.At("vdgood/_fast.cpython-312-x86_64-linux-gnu.so"), "_fast");
        var stable = NativeBuilds.Module(py, env.At("vdgood/_stable.abi3.so"), "_stable", limitedApi: "0x03080000");
        var bare = NativeBuilds.Module(py, env.At("vdgood/_bare.so"), "_bare");
        var json = env.At("vdgood/" + Path.GetFileName(NativeBuilds.LibDynload("3.12", "_json")));
        File.Copy(NativeBuilds.LibDynload("3.12", "_json"), json);
        // auditwheel-style: the library in vdgood.libs with a hashed name, the module's RUNPATH $ORIGIN/../vdgood.libs.
        var lib = NativeBuilds.Library(env.Folder("vdgood.libs"), "libvdcore-1a2b3c4d.so.1");
        var bundled = NativeBuilds.Module(py, env.At("vdgood/_bundled.cpython-312-x86_64-linux-gnu.so"), "_bundled", null,
            "-L", Path.GetDirectoryName(lib)!, "-l:libvdcore-1a2b3c4d.so.1", "-Wl,-rpath,$ORIGIN/../vdgood.libs");
        File.Delete(Path.Combine(Path.GetDirectoryName(lib)!, "libvdcore-1a2b3c4d.so"));
        // A system library through ld.so.cache.
        var zlib = NativeBuilds.Module(py, env.At("vdgood/_zlibbed.cpython-312-x86_64-linux-gnu.so"), "_zlibbed", null, "-l:libz.so.1");
        env.Record("vdgood", "1.0", [fast, stable, bare, json, lib, bundled, zlib], "cp38-abi3-manylinux_2_17_x86_64");

        foreach (var m in new[] { "_fast", "_stable", "_bare", "_json", "_bundled", "_zlibbed" })
        {
            var r = env.Import($"vdgood.{m}");
            Assert.True(r.ExitCode == 0, $"the fixture must really import: vdgood.{m}: {r.StdErr}");
        }
        DiagnosisTestKit.AssertHealthy(DiagnosisTestKit.Diagnose(env.Path));
    }

    [NativeFact("3.10", "3.11", "3.13")]
    public void Modules_tagged_for_another_Python_are_extension_abi_mismatch_per_distribution()
    {
        using var env = new NativeEnv();
        var old = env.At("vdold/" + Path.GetFileName(NativeBuilds.LibDynload("3.11", "_json")));
        File.Copy(NativeBuilds.LibDynload("3.11", "_json"), old);
        env.Record("vdold", "2.0", [old]);
        var ft = NativeBuilds.Module(NativeBuilds.Pyenv("3.13"), env.At("vdft/_ft.cpython-313t-x86_64-linux-gnu.so"), "_ft");
        var debug = NativeBuilds.Module(env.Python, env.At("vdft/_dbg.cpython-312d-x86_64-linux-gnu.so"), "_dbg");
        env.Record("vdft", "0.1", [ft, debug]);
        // abi3 from a wheel that says it needs 3.13 (cp313-abi3): not for this 3.12.
        var abi = NativeBuilds.Module(NativeBuilds.Pyenv("3.13"), env.At("vdabi/_new.abi3.so"), "_new", limitedApi: "0x030D0000");
        env.Record("vdabi", "3.0", [abi], "cp313-abi3-manylinux_2_17_x86_64");
        NativeBuilds.Module(NativeBuilds.Pyenv("3.10"), env.At("stray/_lost.cpython-310-x86_64-linux-gnu.so"), "_lost");

        var importOld = env.Import("vdold._json");
        Assert.NotEqual(0, importOld.ExitCode);
        Assert.Contains("No module named 'vdold._json'", importOld.StdErr);

        var diagnosis = DiagnosisTestKit.Diagnose(env.Path);
        Assert.Equal(Health.Broken, diagnosis.Health);
        var findings = diagnosis.Findings.Where(f => f.Code == FindingCodes.ExtensionAbiMismatch).ToDictionary(f => f.Data["distribution"]);
        Assert.Equal(["unknown", "vdabi", "vdft", "vdold"], findings.Keys.Order());
        Assert.Equal("cpython-311-x86_64-linux-gnu", findings["vdold"].Data["tags"]);
        Assert.Equal("lib/python3.12/site-packages/vdold/_json.cpython-311-x86_64-linux-gnu.so", findings["vdold"].Data["modules"]);
        Assert.StartsWith("cpython-312-x86_64-linux-gnu", findings["vdold"].Data["expected"]);
        Assert.Equal("2", findings["vdft"].Data["count"]);
        Assert.Contains("(free-threaded)", findings["vdft"].Data["tags"]);
        Assert.Contains("(debug build)", findings["vdft"].Data["tags"]);
        Assert.Contains("needs Python 3.13+", findings["vdabi"].Data["tags"]);
        Assert.Contains("cpython-310", findings["unknown"].Data["tags"]);
        Assert.DoesNotContain(diagnosis.Findings, f => f.Code == FindingCodes.ForeignBinary);

        var reinstall = Assert.Single(diagnosis.Suggestions, s => s.Action == RepairActions.ReinstallBinaries);
        Assert.Equal(["vdabi", "vdft", "vdold"], reinstall.Data["distribution"].Split(", ").Order());
        Assert.Contains("--force-reinstall --no-deps --", reinstall.Data["command"]);
    }

    [NativeFact]
    public void Foreign_headers_are_foreign_binary_whatever_their_names_say()
    {
        using var env = new NativeEnv();
        Assert.True(File.Exists(NativeBuilds.Arm64Zlib), $"{NativeBuilds.Arm64Zlib} is missing: scripts/setup.sh unpacks Debian's zlib1g:arm64 there");
        var arm = env.At("vdarm.libs/libz-0a1b2c3d.so.1.2.13");
        File.Copy(NativeBuilds.Arm64Zlib, arm);
        var armModule = env.At("vdarm/_zip.cpython-312-x86_64-linux-gnu.so");
        File.Copy(NativeBuilds.Arm64Zlib, armModule);   // an aarch64 ELF under an x86_64 module's name
        env.Record("vdarm", "1.0", [arm, armModule]);
        var mac = env.At("vdmac/_speed.cpython-312-darwin.so");
        File.WriteAllBytes(mac, NativeBuilds.MachOArm64Bundle());
        var fat = env.At("vdmac/.dylibs/libvdfat.dylib");
        File.WriteAllBytes(fat, NativeBuilds.MachOFat());
        env.Record("vdmac", "1.0", [mac, fat]);
        var win = env.At("vdwin/_win.cp312-win_amd64.pyd");
        File.WriteAllBytes(win, NativeBuilds.PeAmd64());
        env.Record("vdwin", "1.0", [win]);
        // musl: a real module linked against a library with musl's libc soname.
        var muslLib = NativeBuilds.Library(env.Tmp.Combine("musl"), "libc.musl-x86_64.so.1");
        var musl = NativeBuilds.Module(env.Python, env.At("vdmusl/_m.cpython-312-x86_64-linux-gnu.so"), "_m", null, "-L", Path.GetDirectoryName(muslLib)!, "-l:libc.musl-x86_64.so.1");
        env.Record("vdmusl", "1.0", [musl]);
        var good = NativeBuilds.Module(env.Python, env.At("vdarm/_ok.cpython-312-x86_64-linux-gnu.so"), "_ok");

        var importArm = env.Import("vdarm._zip");
        Assert.NotEqual(0, importArm.ExitCode);

        var diagnosis = DiagnosisTestKit.Diagnose(env.Path);
        var findings = diagnosis.Findings.Where(f => f.Code == FindingCodes.ForeignBinary).ToDictionary(f => f.Data["distribution"]);
        Assert.Equal(["vdarm", "vdmac", "vdmusl", "vdwin"], findings.Keys.Order());
        Assert.Equal("ELF x86_64 (glibc)", findings["vdarm"].Data["expected"]);
        Assert.Equal(["ELF aarch64 (glibc)"], findings["vdarm"].Data["formats"].Split('\n').Distinct());
        Assert.Equal("2", findings["vdarm"].Data["count"]);
        Assert.DoesNotContain("_ok", findings["vdarm"].Data["modules"]);
        Assert.Equal("Mach-O aarch64\nMach-O x86_64+aarch64", findings["vdmac"].Data["formats"]);
        Assert.Equal("PE x86_64", findings["vdwin"].Data["formats"]);
        Assert.Equal("ELF x86_64 (musl)", findings["vdmusl"].Data["formats"]);
        Assert.DoesNotContain(diagnosis.Findings, f => f.Code == FindingCodes.ExtensionAbiMismatch);
        Assert.Contains(diagnosis.Suggestions, s => s.Action == RepairActions.ReinstallBinaries && s.Data["distribution"].Contains("vdmusl"));
        _ = good;
    }

    [NativeFact]
    public void A_needed_library_that_is_gone_is_library_missing_with_where_the_loader_looked()
    {
        using var env = new NativeEnv();
        // Bundled (auditwheel-style) and then deleted: RUNPATH $ORIGIN/../vdlib.libs finds nothing.
        var gone = NativeBuilds.Library(env.Folder("vdlib.libs"), "libvdgone.so.1");
        var needsGone = NativeBuilds.Module(env.Python, env.At("vdlib/_core.cpython-312-x86_64-linux-gnu.so"), "_core", null,
            "-L", Path.GetDirectoryName(gone)!, "-l:libvdgone.so.1", "-Wl,-rpath,$ORIGIN/../vdlib.libs");
        // Transitively: a bundled library that is there needs one that is not.
        var inner = NativeBuilds.Library(env.Tmp.Combine("inner"), "libvdinner.so.2");
        var outer = env.At("vdlib.libs/libvdouter.so.1");
        Run.Checked(NativeBuilds.Gcc!, "-shared", "-fPIC", "-Wl,-soname,libvdouter.so.1", "-Wl,--no-as-needed", "-o", outer, "-x", "c", "/dev/null", "-L", Path.GetDirectoryName(inner)!, "-l:libvdinner.so.2");
        var needsOuter = NativeBuilds.Module(env.Python, env.At("vdlib/_outer.cpython-312-x86_64-linux-gnu.so"), "_outer", null,
            "-L", Path.GetDirectoryName(outer)!, "-l:libvdouter.so.1", "-Wl,-rpath,$ORIGIN/../vdlib.libs");
        env.Record("vdlib", "1.0", [gone, needsGone, outer, needsOuter]);
        // A CUDA runtime linked at build time, not installed here.
        var cuda = NativeBuilds.Library(env.Tmp.Combine("cuda"), "libcudart.so.12");
        var needsCuda = NativeBuilds.Module(env.Python, env.At("vdtf/_gpu.cpython-312-x86_64-linux-gnu.so"), "_gpu", null, "-L", Path.GetDirectoryName(cuda)!, "-l:libcudart.so.12");
        env.Record("vdtf", "2.16", [needsCuda]);
        File.Delete(gone);
        File.Delete(inner);
        File.Delete(cuda);

        var import = env.Import("vdlib._core");
        Assert.Contains("libvdgone.so.1: cannot open shared object file", import.StdErr);

        var diagnosis = DiagnosisTestKit.Diagnose(env.Path);
        Assert.Equal(Health.Warning, diagnosis.Health);
        var findings = diagnosis.Findings.Where(f => f.Code == FindingCodes.LibraryMissing).ToDictionary(f => f.Data["library"]);
        Assert.Equal(["libcudart.so.12", "libvdgone.so.1", "libvdinner.so.2"], findings.Keys.Order());
        var vdgone = findings["libvdgone.so.1"];
        Assert.Equal("vdlib", vdgone.Data["distributions"]);
        Assert.Equal("lib/python3.12/site-packages/vdlib/_core.cpython-312-x86_64-linux-gnu.so", vdgone.Data["modules"]);
        Assert.Equal(Path.Combine(env.Site, "vdlib.libs"), vdgone.Data["searched"].Split('\n')[0]);
        Assert.Contains("/etc/ld.so.cache", vdgone.Data["searched"]);
        Assert.Equal("lib/python3.12/site-packages/vdlib.libs/libvdouter.so.1", findings["libvdinner.so.2"].Data["modules"]);
        Assert.Equal("nvidia-cuda-runtime-cu12", findings["libcudart.so.12"].Data["provider"]);
        Assert.Contains("nvidia-cuda-runtime-cu12", findings["libcudart.so.12"].Message);
        Assert.False(findings["libvdgone.so.1"].Data.ContainsKey("provider"));
        // Reinstalling brings back what the distribution bundled; a CUDA runtime from outside it is not its to restore.
        var reinstall = Assert.Single(diagnosis.Suggestions, s => s.Action == RepairActions.ReinstallBinaries);
        Assert.Equal("vdlib", reinstall.Data["distribution"]);
    }

    [NativeFact]
    public void Libraries_nvidia_wheels_bundle_count_as_found()
    {
        using var env = new NativeEnv();
        var cuda = NativeBuilds.Library(env.Folder("nvidia/cuda_runtime/lib"), "libcudart.so.12");
        var needsCuda = NativeBuilds.Module(env.Python, env.At("vdtorch/_C.cpython-312-x86_64-linux-gnu.so"), "_C", null,
            "-L", Path.GetDirectoryName(cuda)!, "-l:libcudart.so.12");
        env.Record("vdtorch", "2.5", [needsCuda]);

        Assert.DoesNotContain(DiagnosisTestKit.Diagnose(env.Path).Findings, f => f.Code == FindingCodes.LibraryMissing);
    }

    [NativeFact]
    public void A_rescan_sees_a_replaced_module_though_headers_are_cached()
    {
        using var env = new NativeEnv();
        var module = NativeBuilds.Module(env.Python, env.At("vdswap/_m.cpython-312-x86_64-linux-gnu.so"), "_m");
        env.Record("vdswap", "1.0", [module]);
        DiagnosisTestKit.AssertHealthy(DiagnosisTestKit.Diagnose(env.Path));
        Assert.NotNull(new BinaryHeaderCache().Get(module));

        File.Copy(NativeBuilds.Arm64Zlib, module, overwrite: true);

        var after = DiagnosisTestKit.Diagnose(env.Path).Single(FindingCodes.ForeignBinary);
        Assert.Equal("ELF aarch64 (glibc)", after.Data["formats"]);
    }

    [NativeFact]
    public void Garbled_headers_hostile_records_and_special_files_are_reported_or_ignored_never_thrown()
    {
        using var env = new NativeEnv();
        var elf = File.ReadAllBytes(NativeBuilds.LibDynload("3.12", "_json"));
        File.WriteAllBytes(env.At("vdbad/_short.cpython-312-x86_64-linux-gnu.so"), elf[..40]);                 // truncated inside the ELF header
        var huge = elf.ToArray();
        BitConverter.TryWriteBytes(huge.AsSpan(0x20), long.MaxValue);                                           // program headers "at" 8 EB
        BitConverter.TryWriteBytes(huge.AsSpan(0x38), (ushort)0xFFFF);
        File.WriteAllBytes(env.At("vdbad/_huge.cpython-312-x86_64-linux-gnu.so"), huge);
        byte[] fatNoSlices = [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 0];
        File.WriteAllBytes(env.At("vdbad/libempty.dylib"), fatNoSlices);
        var pe = NativeBuilds.PeAmd64();
        BitConverter.TryWriteBytes(pe.AsSpan(0x3C), -4);                                                        // e_lfanew before the file
        File.WriteAllBytes(env.At("vdbad/_neg.pyd"), pe);
        Run.Checked("mkfifo", env.At("vdbad/_fifo.cpython-312-x86_64-linux-gnu.so"));                          // would block a plain open
        File.CreateSymbolicLink(env.At("vdbad/_loop.so"), env.At("vdbad/_loop.so"));
        File.CreateSymbolicLink(env.At("vdbad/_zero.so"), "/dev/zero");
        // RECORD naming files outside site-packages and a name no installer would write.
        var distInfo = Directory.CreateDirectory(Path.Combine(env.Site, "vd;bad-1.0.dist-info")).FullName;
        File.WriteAllText(Path.Combine(distInfo, "METADATA"), "Name: vd;bad\nVersion: 1.0\n");
        File.WriteAllText(Path.Combine(distInfo, "RECORD"), "../../../../../../etc/ld.so.cache,,\n\"vdbad/_huge.cpython-311-x86_64-linux-gnu.so\",,\nvdbad/_old.cpython-311-x86_64-linux-gnu.so,,\n");
        File.Copy(NativeBuilds.LibDynload("3.11", "_json"), env.At("vdbad/_old.cpython-311-x86_64-linux-gnu.so"));

        var diagnosis = DiagnosisTestKit.Diagnose(env.Path);

        var mismatch = diagnosis.Single(FindingCodes.ExtensionAbiMismatch);
        Assert.Equal("vd;bad", mismatch.Data["distribution"]);
        Assert.DoesNotContain(diagnosis.Suggestions, s => s.Action == RepairActions.ReinstallBinaries);   // not a valid name: never offered to pip
        Assert.DoesNotContain(diagnosis.Findings, f => f.Code == FindingCodes.ForeignBinary);
        Assert.DoesNotContain(diagnosis.Findings, f => f.Code == FindingCodes.Unreadable);
    }
}
