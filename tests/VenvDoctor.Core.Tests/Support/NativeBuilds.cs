namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// Builds real compiled files with gcc: extension modules against a real interpreter's headers (with a
/// <c>PyInit_</c> so Python can import them), small shared libraries with a soname, modules linked against them with or
/// without an <c>$ORIGIN</c> RUNPATH. And finds the real aarch64 zlib scripts/setup.sh unpacks from Debian's archive.
/// </summary>
public static class NativeBuilds
{
    /// <summary>Where scripts/setup.sh unpacks Debian's zlib1g:arm64.</summary>
    public static string Arm64Zlib => Path.Combine(
        Environment.GetEnvironmentVariable("VENV_DOCTOR_TEST_DATA") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "venv-doctor-tests"),
        "zlib1g-arm64", "lib", "aarch64-linux-gnu", "libz.so.1.2.13");

    /// <summary>The pyenv build of <paramref name="minor"/> (it has its headers; [NativeFact] checks it is there).</summary>
    public static PythonInstall Pyenv(string minor) => Pythons.All.First(p => p.Source == "pyenv" && p.Minor == minor);

    /// <summary>A real compiled module of an interpreter's standard library: <c>PREFIX/lib/pythonX.Y/lib-dynload/MODULE.*.so</c>.</summary>
    public static string LibDynload(string minor, string module)
    {
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(Pyenv(minor).Executable))!;
        return Directory.EnumerateFiles(Path.Combine(prefix, "lib", $"python{minor}", "lib-dynload"), module + ".*").Single();
    }

    public static string? Gcc => new[] { "/usr/bin/gcc", "/usr/local/bin/gcc" }.FirstOrDefault(File.Exists);

    /// <summary>The folder with Python.h of a pyenv/system install (<c>PREFIX/include/pythonX.Y</c>).</summary>
    public static string Include(PythonInstall python)
    {
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(python.Executable))!;
        return Path.Combine(prefix, "include", $"python{python.Minor}");
    }

    /// <summary>
    /// An importable extension module <paramref name="module"/> at <paramref name="output"/>, compiled against
    /// <paramref name="headers"/>. <paramref name="limitedApi"/> builds for the stable ABI of that version (abi3).
    /// <paramref name="linkArgs"/> adds libraries (<c>-L dir -lfoo -Wl,-rpath,...</c>).
    /// </summary>
    public static string Module(PythonInstall headers, string output, string module, string? limitedApi = null, params string[] linkArgs)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var source = output + ".c";
        File.WriteAllText(source, $$"""
            #include <Python.h>
            static struct PyModuleDef def = { PyModuleDef_HEAD_INIT, "{{module}}", NULL, -1, NULL };
            PyMODINIT_FUNC PyInit_{{module}}(void) { return PyModule_Create(&def); }
            """);
        var args = new List<string> { "-shared", "-fPIC", "-O0", "-I", Include(headers), "-o", output, source };
        if (limitedApi is not null) args.Add($"-DPy_LIMITED_API={limitedApi}");
        // Linked libraries only become DT_NEEDED when something uses them or --no-as-needed keeps them.
        args.AddRange(["-Wl,--no-as-needed", .. linkArgs]);
        Compile(args);
        File.Delete(source);
        return output;
    }

    /// <summary>A shared library <paramref name="soname"/> in <paramref name="folder"/> (plus the <c>libNAME.so</c> link to build against).</summary>
    public static string Library(string folder, string soname)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, soname);
        var source = path + ".c";
        File.WriteAllText(source, "int vd_answer(void) { return 42; }\n");
        Compile(["-shared", "-fPIC", $"-Wl,-soname,{soname}", "-o", path, source]);
        File.Delete(source);
        var dev = Path.Combine(folder, soname[..(soname.IndexOf(".so", StringComparison.Ordinal) + 3)]);
        if (dev != path && !File.Exists(dev)) File.CreateSymbolicLink(dev, soname);
        return path;
    }

    private static void Compile(IEnumerable<string> args)
    {
        var r = Run.Process(Gcc ?? throw new InvalidOperationException("gcc is missing: run scripts/setup.sh"), args);
        if (r.ExitCode != 0) throw new InvalidOperationException($"gcc {string.Join(' ', args)} failed: {r.StdErr}");
    }

    /// <summary>A 64-bit Mach-O header for arm64 (MH_BUNDLE, as a Python extension is), byte by byte.</summary>
    public static byte[] MachOArm64Bundle()
    {
        var b = new byte[4096];
        BitConverter.TryWriteBytes(b.AsSpan(0), 0xFEEDFACFu);     // MH_MAGIC_64, little-endian
        BitConverter.TryWriteBytes(b.AsSpan(4), 0x0100000Cu);     // CPU_TYPE_ARM64
        BitConverter.TryWriteBytes(b.AsSpan(12), 8u);             // MH_BUNDLE
        return b;
    }

    /// <summary>A universal (fat) Mach-O header holding x86_64 and arm64 slices, byte by byte (big-endian).</summary>
    public static byte[] MachOFat()
    {
        var b = new byte[4096];
        void Be(int at, uint v) { b[at] = (byte)(v >> 24); b[at + 1] = (byte)(v >> 16); b[at + 2] = (byte)(v >> 8); b[at + 3] = (byte)v; }
        Be(0, 0xCAFEBABE);
        Be(4, 2);
        Be(8, 0x01000007);   // x86_64
        Be(28, 0x0100000C);  // arm64
        return b;
    }

    /// <summary>A PE (Windows DLL) header for x86_64, byte by byte: MZ, e_lfanew at 0x3c, "PE\0\0", machine 0x8664.</summary>
    public static byte[] PeAmd64()
    {
        var b = new byte[4096];
        b[0] = (byte)'M'; b[1] = (byte)'Z';
        BitConverter.TryWriteBytes(b.AsSpan(0x3C), 0x80);
        b[0x80] = (byte)'P'; b[0x81] = (byte)'E';
        BitConverter.TryWriteBytes(b.AsSpan(0x84), (ushort)0x8664);
        return b;
    }
}

/// <summary>
/// A [Fact] that compiles modules: skipped, with the reason, without gcc or the headers of pyenv's Python 3.12 (the
/// environments' Python) and of the other <paramref name="minors"/> the test builds for.
/// </summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute(params string[] minors)
    {
        if (NativeBuilds.Gcc is null) { Skip = "gcc is not installed (scripts/setup.sh installs it)"; return; }
        foreach (var minor in minors.Append("3.12").Distinct())
        {
            if (Pythons.All.FirstOrDefault(p => p.Source == "pyenv" && p.Minor == minor) is not { } py) { Skip = $"No pyenv Python {minor} (with headers) on this machine"; return; }
            if (!File.Exists(Path.Combine(NativeBuilds.Include(py), "Python.h"))) { Skip = $"No Python.h for {py}"; return; }
        }
    }
}
