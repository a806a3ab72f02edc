using System.Buffers.Binary;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// Builds real Mach-O files on Linux: clang compiles for <c>ARCH-apple-macos11</c> and LLVM's Mach-O linker
/// (<c>ld64.lld</c>) links dylibs, bundles (what a Python extension module is) and executables, with the install names,
/// run paths and weak or re-exported libraries a test asks for, without Apple's SDK (<c>-undefined dynamic_lookup</c>).
/// <see cref="Fat"/> writes a universal file's fat header itself around thin files. Checked against LLVM's
/// <c>llvm-otool</c> where a test needs a peer.
/// </summary>
public static class MachOBuilds
{
    public static string? Clang => new[] { "/usr/bin/clang", "/usr/local/bin/clang" }.FirstOrDefault(File.Exists);

    /// <summary>LLVM's Mach-O linker: <c>ld64.lld</c> on PATH, else Debian's versioned one (package lld-N).</summary>
    public static string? Ld64 => Tool("ld64.lld");

    /// <summary>LLVM's otool (package llvm-N): the peer that prints a Mach-O's load commands.</summary>
    public static string? Otool => Tool("llvm-otool");

    private static string? Tool(string name) =>
        new[] { "/usr/bin", "/usr/local/bin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? Directory.EnumerateDirectories("/usr/lib", "llvm-*").OrderDescending().Select(d => Path.Combine(d, "bin", name)).FirstOrDefault(File.Exists);

    /// <summary>A dylib whose install name (<c>LC_ID_DYLIB</c>) is <paramref name="installName"/>; <paramref name="linkArgs"/> adds libraries and run paths.</summary>
    public static string Dylib(string output, string installName, string arch = "arm64", params string[] linkArgs) =>
        Link(output, arch, ["-dylib", "-install_name", installName, .. linkArgs]);

    /// <summary>A bundle (<c>MH_BUNDLE</c>: a Python extension module on macOS) linking <paramref name="linkArgs"/>.</summary>
    public static string Bundle(string output, string arch = "arm64", params string[] linkArgs) =>
        Link(output, arch, ["-bundle", "-undefined", "dynamic_lookup", .. linkArgs]);

    /// <summary>An executable (<c>MH_EXECUTE</c>: the base interpreter of a macOS venv) with <paramref name="linkArgs"/> (its run paths).</summary>
    public static string Executable(string output, string arch = "arm64", params string[] linkArgs) =>
        Link(output, arch, ["-execute", "-e", "_main", .. linkArgs], "int main(void) { return 0; }\n");

    /// <summary>A universal file holding <paramref name="thin"/> files as its slices, 16 KiB aligned as lipo aligns them.</summary>
    public static string Fat(string output, params string[] thin)
    {
        const int align = 14;
        var slices = thin.Select(File.ReadAllBytes).ToList();
        var header = new byte[8 + 20 * slices.Count];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0xCAFEBABE);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)slices.Count);
        var offset = 1L << align;
        using var file = File.Create(output);
        file.Write(header);
        for (var i = 0; i < slices.Count; i++)
        {
            var entry = header.AsSpan(8 + 20 * i);
            BinaryPrimitives.WriteUInt32BigEndian(entry, BinaryPrimitives.ReadUInt32LittleEndian(slices[i].AsSpan(4)));      // cputype
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], BinaryPrimitives.ReadUInt32LittleEndian(slices[i].AsSpan(8)));  // cpusubtype
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)slices[i].Length);
            BinaryPrimitives.WriteUInt32BigEndian(entry[16..], align);
            file.Position = offset;
            file.Write(slices[i]);
            offset = (offset + slices[i].Length + (1L << align) - 1) >> align << align;
        }
        file.Position = 0;
        file.Write(header);
        return output;
    }

    /// <summary>The libraries a file needs as llvm-otool prints them (<c>-L</c>), without the version text.</summary>
    public static IReadOnlyList<string> OtoolLibraries(string file) =>
        Run.Checked(Otool ?? throw new InvalidOperationException("llvm-otool is missing (package llvm)"), "-L", file).StdOut.Split('\n').Skip(1)
            .Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l[..l.IndexOf(" (compatibility", StringComparison.Ordinal)]).ToList();

    private static string Link(string output, string arch, IEnumerable<string> kindArgs, string source = "int vd_answer(void) { return 42; }\n")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var c = output + ".c";
        var o = output + ".o";
        File.WriteAllText(c, source);
        Checked(Clang ?? throw new InvalidOperationException("clang is missing: run scripts/setup.sh"), ["-target", $"{arch}-apple-macos11", "-c", c, "-o", o]);
        Checked(Ld64 ?? throw new InvalidOperationException("ld64.lld is missing (package lld): run scripts/setup.sh"),
            ["-arch", arch, "-platform_version", "macos", "11.0", "11.0", .. kindArgs, "-o", output, o]);
        File.Delete(c);
        File.Delete(o);
        return output;
    }

    private static void Checked(string tool, IReadOnlyList<string> args)
    {
        var r = Run.Process(tool, args);
        if (r.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {r.StdErr}");
    }
}

/// <summary>
/// A [Fact] that builds Mach-O files: skipped, with the reason, without clang, ld64.lld or llvm-otool; with
/// <paramref name="inLinuxVenv"/>, also without what a real Linux venv with compiled modules needs ([NativeFact]).
/// </summary>
public sealed class MachOFactAttribute : FactAttribute
{
    public MachOFactAttribute(bool inLinuxVenv = false)
    {
        if (MachOBuilds.Clang is null) Skip = "clang is not installed (scripts/setup.sh installs it)";
        else if (MachOBuilds.Ld64 is null) Skip = "ld64.lld is not installed (package lld; scripts/setup.sh installs it)";
        else if (MachOBuilds.Otool is null) Skip = "llvm-otool is not installed (package llvm; scripts/setup.sh installs it)";
        else if (inLinuxVenv) Skip = new NativeFactAttribute().Skip;
    }
}

/// <summary>
/// A [Fact] that reads the real Mach-O libraries of .NET's osx-arm64 and osx-x64 runtime packs in the NuGet cache
/// (restored by scripts/setup.sh, as publishing for macOS restores them): skipped, with the reason, when they are not there.
/// </summary>
public sealed class RuntimePackFactAttribute : FactAttribute
{
    public RuntimePackFactAttribute()
    {
        if (MachOBuilds.Otool is null) Skip = "llvm-otool is not installed (package llvm; scripts/setup.sh installs it)";
        else if (new[] { "osx-arm64", "osx-x64" }.FirstOrDefault(r => NativeFolder(r) is null) is { } rid)
            Skip = $"microsoft.netcore.app.runtime.{rid} is not in the NuGet cache (scripts/setup.sh restores it)";
    }

    /// <summary>The pack's <c>runtimes/RID/native</c> folder (its newest version), or null.</summary>
    public static string? NativeFolder(string rid)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var pack = Path.Combine(packages, $"microsoft.netcore.app.runtime.{rid}");
        if (!Directory.Exists(pack)) return null;
        return Directory.EnumerateDirectories(pack).Select(v => Path.Combine(v, "runtimes", rid, "native"))
            .Where(d => File.Exists(Path.Combine(d, "libSystem.Native.dylib"))).OrderDescending(StringComparer.Ordinal).FirstOrDefault();
    }
}
