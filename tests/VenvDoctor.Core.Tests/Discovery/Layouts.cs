using System.Text;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Tests.Discovery;

/// <summary>
/// Environment layouts written file by file, the way the tools that are not on this machine write them
/// (uv, virtualenv, conda, legacy virtualenv, Windows): see the venv-anatomy notes.
/// </summary>
internal static class Layouts
{
    public static string Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A fake ELF so an interpreter file is a binary, never a script (nothing here is ever run).</summary>
    public static string WriteBinary(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0]);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    public static string Uv(string dir, string baseBin = "/home/me/.local/share/uv/python/cpython-3.12.7-linux-x86_64-gnu/bin")
    {
        Write(Path.Combine(dir, "pyvenv.cfg"),
            $"home = {baseBin}\nimplementation = CPython\nuv = 0.5.4\nversion_info = 3.12.7\ninclude-system-site-packages = false\nrelocatable = true\n");
        Directory.CreateDirectory(Path.Combine(dir, "bin"));
        File.CreateSymbolicLink(Path.Combine(dir, "bin", "python"), Path.Combine(baseBin, "python3.12"));
        Directory.CreateDirectory(Path.Combine(dir, "lib", "python3.12", "site-packages"));
        return dir;
    }

    public static string Virtualenv(string dir)
    {
        Write(Path.Combine(dir, "pyvenv.cfg"),
            "home = /usr/bin\nimplementation = CPython\nversion_info = 3.11.2.final.0\nvirtualenv = 20.17.1\ninclude-system-site-packages = false\nbase-prefix = /usr\nbase-exec-prefix = /usr\nbase-executable = /usr/bin/python3.11\n");
        Directory.CreateDirectory(Path.Combine(dir, "bin"));
        File.CreateSymbolicLink(Path.Combine(dir, "bin", "python"), "/usr/bin/python3.11");
        Directory.CreateDirectory(Path.Combine(dir, "lib", "python3.11", "site-packages"));
        return dir;
    }

    public static string Conda(string dir, string minor = "3.12")
    {
        Write(Path.Combine(dir, "conda-meta", "history"), "==> 2024-01-01 00:00:00 <==\n# cmd: conda create -p " + dir + " python\n");
        WriteBinary(Path.Combine(dir, "bin", $"python{minor}"));
        File.CreateSymbolicLink(Path.Combine(dir, "bin", "python"), $"python{minor}");
        Write(Path.Combine(dir, "lib", $"python{minor}", "os.py"), "# stdlib\n");
        Directory.CreateDirectory(Path.Combine(dir, "lib", $"python{minor}", "site-packages"));
        return dir;
    }

    public static string LegacyVirtualenv(string dir)
    {
        WriteBinary(Path.Combine(dir, "bin", "python2.7"));
        File.CreateSymbolicLink(Path.Combine(dir, "bin", "python"), "python2.7");
        Write(Path.Combine(dir, "lib", "python2.7", "orig-prefix.txt"), "/usr");
        Directory.CreateDirectory(Path.Combine(dir, "lib", "python2.7", "site-packages"));
        File.CreateSymbolicLink(Path.Combine(dir, "lib", "python2.7", "os.py"), "/usr/lib/python2.7/os.py");
        return dir;
    }

    public static string WindowsVenv(string dir)
    {
        Write(Path.Combine(dir, "pyvenv.cfg"),
            "home = C:\\Users\\me\\AppData\\Local\\Programs\\Python\\Python311\r\ninclude-system-site-packages = false\r\nversion = 3.11.5\r\n");
        Write(Path.Combine(dir, "Scripts", "python.exe"), "MZ");
        Write(Path.Combine(dir, "Scripts", "activate.bat"), "@echo off\r\nset \"VIRTUAL_ENV=C:\\work\\proj\\.venv\"\r\n");
        Directory.CreateDirectory(Path.Combine(dir, "Lib", "site-packages"));
        return dir;
    }

    /// <summary>A base install's shape: interpreter, standard library, site-packages, patchlevel.h.</summary>
    public static string BaseInstall(string prefix, string version)
    {
        var minor = string.Join('.', version.Split('.').Take(2));
        WriteBinary(Path.Combine(prefix, "bin", $"python{minor}"));
        File.CreateSymbolicLink(Path.Combine(prefix, "bin", "python3"), $"python{minor}");
        Write(Path.Combine(prefix, "lib", $"python{minor}", "os.py"), "# stdlib\n");
        Directory.CreateDirectory(Path.Combine(prefix, "lib", $"python{minor}", "site-packages"));
        Write(Path.Combine(prefix, "include", $"python{minor}", "patchlevel.h"),
            $"/* Version as a string */\n#define PY_VERSION              \"{version}\"\n");
        return prefix;
    }

    public static string RealVenv(string dir)
    {
        var python = Pythons.Any ?? throw new InvalidOperationException("no Python");
        return Venvs.Create(python, dir);
    }

    /// <summary>mkdir with a name that is not UTF-8 (the byte 0xff), through bash since .NET names are strings.</summary>
    public static void MakeNonUtf8Folder(string parent) =>
        Run.Checked("bash", "-c", "mkdir \"$1\"/$'caf\\xe9-\\xff' && mkdir \"$1\"/$'caf\\xe9-\\xff'/inner", "_", parent);
}

/// <summary>The real disk, with hooks to fail or change things at the moment discovery reads them.</summary>
internal sealed class HookedFileSystem(Func<string, Exception?>? failList = null, Action<string>? afterList = null) : IDiscoveryFileSystem
{
    private readonly IDiscoveryFileSystem real = PhysicalFileSystem.Instance;

    public int Listings;

    public IReadOnlyList<FolderEntry> List(string folder)
    {
        Interlocked.Increment(ref Listings);
        if (failList?.Invoke(folder) is { } e) throw e;
        var entries = real.List(folder);
        afterList?.Invoke(folder);
        return entries;
    }

    public string? ResolveRealPath(string path) => real.ResolveRealPath(path);
    public bool FileExists(string path) => real.FileExists(path);
    public bool DirectoryExists(string path) => real.DirectoryExists(path);
    public string? ReadHead(string path, FileKind kind, int maxBytes) => real.ReadHead(path, kind, maxBytes);
    public DateTime? FolderWriteTime(string path) => real.FolderWriteTime(path);
}
