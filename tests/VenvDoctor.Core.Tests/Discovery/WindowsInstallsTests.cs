using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Discovery.Inventory.Windows;
using VenvDoctor.Core.Discovery.Machine;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Discovery;

/// <summary>A registry held in memory: PEP 514's keys as a test writes them, read through the same interface as the real one.</summary>
internal sealed class InMemoryRegistry : IRegistryView
{
    private readonly Dictionary<(RegistryRoot, string), Dictionary<string, string>> keys = [];

    /// <summary>Creates the key and its parents; <paramref name="name"/> null sets the default value.</summary>
    public InMemoryRegistry Set(RegistryRoot root, string path, string? name, string value)
    {
        for (var key = path; key.Length > 0; key = key.Contains('\\') ? key[..key.LastIndexOf('\\')] : "")
            if (!keys.ContainsKey((root, key.ToLowerInvariant()))) keys[(root, key.ToLowerInvariant())] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        keys[(root, path.ToLowerInvariant())][name ?? ""] = value;
        subKeyNames[(root, path.ToLowerInvariant())] = path;
        for (var key = path; key.Contains('\\'); key = key[..key.LastIndexOf('\\')]) subKeyNames[(root, key.ToLowerInvariant())] = key;
        return this;
    }

    private readonly Dictionary<(RegistryRoot, string), string> subKeyNames = [];

    public IReadOnlyList<string> SubKeyNames(RegistryRoot root, string path)
    {
        var prefix = path.ToLowerInvariant() + "\\";
        return subKeyNames.Where(k => k.Key.Item1 == root && k.Key.Item2.StartsWith(prefix, StringComparison.Ordinal) && !k.Key.Item2[prefix.Length..].Contains('\\'))
            .Select(k => k.Value[(path.Length + 1)..]).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    public string? Value(RegistryRoot root, string path, string? name) =>
        keys.TryGetValue((root, path.ToLowerInvariant()), out var values) && values.TryGetValue(name ?? "", out var v) ? v : null;
}

/// <summary>
/// Windows base discovery over folder trees laid out in a temp folder as each installer lays them out (python.exe at
/// the root, <c>python3XY.dll</c>, <c>Lib\os.py</c>, a flat <c>include\patchlevel.h</c>), and PEP 514 keys in an
/// in-memory registry. Only the layout is Windows': the logic is the same on every host, so it runs here.
/// </summary>
public class WindowsInstallsTests
{
    /// <summary>A Windows CPython install as its installer leaves it; <paramref name="header"/> false: without include\ (as some layouts ship).</summary>
    private static string WindowsInstall(string folder, string version, bool header = true)
    {
        var digits = string.Concat(version.Split('.').Take(2));
        Layouts.WriteBinary(Path.Combine(folder, "python.exe"));
        Layouts.WriteBinary(Path.Combine(folder, "pythonw.exe"));
        Layouts.WriteBinary(Path.Combine(folder, $"python{digits}.dll"));
        Layouts.Write(Path.Combine(folder, "Lib", "os.py"), "# stdlib\n");
        if (header) Layouts.Write(Path.Combine(folder, "include", "patchlevel.h"), $"#define PY_VERSION              \"{version}\"\n");
        return folder;
    }

    private static (WindowsInstallLocations Locations, Dictionary<string, string> Vars) Machine(TempDir tmp, Dictionary<string, string>? extra = null)
    {
        var vars = new Dictionary<string, string>
        {
            ["USERPROFILE"] = tmp.Combine("Users", "me"),
            ["LOCALAPPDATA"] = tmp.Combine("Users", "me", "AppData", "Local"),
            ["APPDATA"] = tmp.Combine("Users", "me", "AppData", "Roaming"),
            ["ProgramFiles"] = tmp.Combine("Program Files"),
            ["ProgramFiles(x86)"] = tmp.Combine("Program Files (x86)"),
            ["ProgramData"] = tmp.Combine("ProgramData"),
        };
        foreach (var (k, v) in extra ?? []) vars[k] = v;
        return (WindowsInstallLocations.FromEnvironment(n => vars.GetValueOrDefault(n)), vars);
    }

    /// <summary>The inventory with only the Windows installs of the temp machine (no pyenv, Homebrew or PATH of this one).</summary>
    private static IReadOnlyList<VenvDoctor.Core.Model.BaseInterpreter> List(TempDir tmp, WindowsInstallLocations locations, IRegistryView registry)
    {
        var posix = MachineLocations.FromEnvironment(n => n switch { "HOME" => tmp.Combine("posix-home"), _ => null }) with
        {
            SystemBinFolders = [], HomebrewPrefixes = [], CondaBases = [], PathEntries = [], FrameworkVersions = [],
        };
        return new InterpreterInventory(PhysicalFileSystem.Instance, posix, new WindowsInstalls(locations, registry)).List(CancellationToken.None);
    }

    [Fact]
    public void Finds_every_installers_python_with_its_version_from_files_and_the_registry()
    {
        using var tmp = new TempDir();
        var (locations, vars) = Machine(tmp);
        var local = vars["LOCALAPPDATA"];
        var perUser = WindowsInstall(Path.Combine(local, "Programs", "Python", "Python312"), "3.12.7");
        var allUsers = WindowsInstall(Path.Combine(vars["ProgramFiles"], "Python311"), "3.11.9", header: false);
        var manager = WindowsInstall(Path.Combine(local, "Python", "pythoncore-3.14-64"), "3.14.0");
        // The Store: the alias folder holds zero-byte app execution aliases; the versioned package folder is not a base.
        var alias = Path.Combine(local, "Microsoft", "WindowsApps", "PythonSoftwareFoundation.Python.3.13_qbz5n2kfra8p0");
        foreach (var name in new[] { "python.exe", "python3.exe", "python3.13.exe" }) Layouts.Write(Path.Combine(alias, name), "");
        WindowsInstall(Path.Combine(vars["ProgramFiles"], "WindowsApps", "PythonSoftwareFoundation.Python.3.13_3.13.1264.0_x64__qbz5n2kfra8p0"), "3.13.1");
        var pyenvWin = WindowsInstall(Path.Combine(vars["USERPROFILE"], ".pyenv", "pyenv-win", "versions", "3.10.11"), "3.10.11", header: false);
        var uv = WindowsInstall(Path.Combine(vars["APPDATA"], "uv", "python", "cpython-3.12.1-windows-x86_64-none"), "3.12.1");
        var miniconda = WindowsInstall(Path.Combine(vars["USERPROFILE"], "miniconda3"), "3.11.5");
        var allUsersConda = WindowsInstall(Path.Combine(vars["ProgramData"], "anaconda3"), "3.12.4");
        // A venv made from one of them is never a base, even where a base could be.
        var venvInUv = WindowsInstall(Path.Combine(vars["APPDATA"], "uv", "python", "cpython-3.11.0-windows-x86_64-none"), "3.11.0");
        Layouts.Write(Path.Combine(venvInUv, "pyvenv.cfg"), "home = C:\\Python311\n");
        // Registered only: a custom folder in the 32-bit view, and Anaconda's own key.
        var custom = WindowsInstall(tmp.Combine("Tools", "Py39"), "3.9.13", header: false);
        var anaconda = WindowsInstall(tmp.Combine("Anaconda3"), "3.11.7");
        var registry = new InMemoryRegistry()
            .Set(RegistryRoot.CurrentUser, @"Software\Python\PythonCore\3.12\InstallPath", null, perUser + Path.DirectorySeparatorChar)
            .Set(RegistryRoot.CurrentUser, @"Software\Python\PythonCore\3.12", "SysVersion", "3.12")
            .Set(RegistryRoot.LocalMachine, @"Software\WOW6432Node\Python\PythonCore\3.9-32\InstallPath", null, custom)
            .Set(RegistryRoot.LocalMachine, @"Software\WOW6432Node\Python\PythonCore\3.9-32\InstallPath", "ExecutablePath", Path.Combine(custom, "python.exe"))
            .Set(RegistryRoot.LocalMachine, @"Software\WOW6432Node\Python\PythonCore\3.9-32", "Version", "3.9.13")
            .Set(RegistryRoot.LocalMachine, @"Software\WOW6432Node\Python\PythonCore\3.9-32", "SysArchitecture", "32bit")
            .Set(RegistryRoot.LocalMachine, @"Software\Python\ContinuumAnalytics\Anaconda311-64\InstallPath", null, anaconda)
            .Set(RegistryRoot.LocalMachine, @"Software\Python\ContinuumAnalytics\Anaconda311-64", "SysVersion", "3.11")
            // the launcher's settings, a tag without an install path, a registration whose folder was deleted
            .Set(RegistryRoot.CurrentUser, @"Software\Python\PyLauncher", "InstallDir", tmp.Combine("launcher"))
            .Set(RegistryRoot.CurrentUser, @"Software\Python\PythonCore\3.8", "SysVersion", "3.8")
            .Set(RegistryRoot.LocalMachine, @"Software\Python\PythonCore\3.7\InstallPath", null, tmp.Combine("gone", "Python37"));

        var list = List(tmp, locations, registry);

        (string, string, string)[] expected =
        [
            (Path.Combine(perUser, "python.exe"), "3.12.7", "python.org"),
            (Path.Combine(allUsers, "python.exe"), "3.11", "python.org"),
            (Path.Combine(manager, "python.exe"), "3.14.0", "python.org"),
            (Path.Combine(alias, "python.exe"), "3.13", "store"),
            (Path.Combine(pyenvWin, "python.exe"), "3.10.11", "pyenv-win"),
            (Path.Combine(uv, "python.exe"), "3.12.1", "uv"),
            (Path.Combine(miniconda, "python.exe"), "3.11.5", "conda"),
            (Path.Combine(allUsersConda, "python.exe"), "3.12.4", "conda"),
            (Path.Combine(custom, "python.exe"), "3.9.13", "python.org"),
            (Path.Combine(anaconda, "python.exe"), "3.11.7", "conda"),
        ];
        Assert.Equal(expected.OrderBy(e => e.Item1, StringComparer.Ordinal),
            list.Select(i => (i.Executable, i.Version, i.Source)).OrderBy(e => e.Item1, StringComparer.Ordinal));
        Assert.All(list, i => Assert.Equal(Path.GetDirectoryName(i.Executable), i.Prefix));
    }

    [Fact]
    public void Pyenv_root_uv_python_install_dir_and_conda_prefix_move_those_installs()
    {
        using var tmp = new TempDir();
        var (locations, _) = Machine(tmp, new()
        {
            ["PYENV_ROOT"] = tmp.Combine("tools", "pyenv-win"),
            ["UV_PYTHON_INSTALL_DIR"] = tmp.Combine("tools", "uv-pythons"),
            ["CONDA_PREFIX"] = tmp.Combine("envs", "ds"),
        });
        var pyenv = WindowsInstall(tmp.Combine("tools", "pyenv-win", "versions", "3.13.0"), "3.13.0");
        var uv = WindowsInstall(tmp.Combine("tools", "uv-pythons", "cpython-3.11.9-windows-x86_64-none"), "3.11.9", header: false);
        var conda = WindowsInstall(tmp.Combine("envs", "ds"), "3.10.14");

        var list = List(tmp, locations, new InMemoryRegistry());

        Assert.Equal(
            new[] { (Path.Combine(conda, "python.exe"), "3.10.14", "conda"), (Path.Combine(pyenv, "python.exe"), "3.13.0", "pyenv-win"), (Path.Combine(uv, "python.exe"), "3.11.9", "uv") },
            list.Select(i => (i.Executable, i.Version, i.Source)).OrderBy(e => e.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public void Pep514_reads_both_hives_and_the_32_bit_view_with_every_value()
    {
        var registry = new InMemoryRegistry()
            .Set(RegistryRoot.CurrentUser, @"Software\Python\PythonCore\3.12\InstallPath", null, @"C:\Users\me\AppData\Local\Programs\Python\Python312\")
            .Set(RegistryRoot.CurrentUser, @"Software\Python\PythonCore\3.12\InstallPath", "ExecutablePath", @"C:\Users\me\AppData\Local\Programs\Python\Python312\python.exe")
            .Set(RegistryRoot.CurrentUser, @"Software\Python\PythonCore\3.12", "Version", "3.12.7")
            .Set(RegistryRoot.CurrentUser, @"Software\Python\PythonCore\3.12", "SysVersion", "3.12")
            .Set(RegistryRoot.CurrentUser, @"Software\Python\PythonCore\3.12", "SysArchitecture", "64bit")
            .Set(RegistryRoot.LocalMachine, @"Software\Python\Astral\CPython3.13.0\InstallPath", null, @"C:\uv\cpython-3.13.0")
            .Set(RegistryRoot.LocalMachine, @"Software\WOW6432Node\Python\PythonCore\3.9-32\InstallPath", null, @"C:\Program Files (x86)\Python39-32");

        var installs = Pep514Registry.Read(registry).ToList();

        Assert.Equal(3, installs.Count);
        Assert.Equal(new Pep514Install("PythonCore", "3.12", @"C:\Users\me\AppData\Local\Programs\Python\Python312\",
            @"C:\Users\me\AppData\Local\Programs\Python\Python312\python.exe", "3.12.7", "3.12", "64bit"), installs[0]);
        Assert.Equal(("Astral", "uv"), (installs[1].Company, Pep514Registry.SourceOf(installs[1].Company)));
        Assert.Equal(("PythonCore", "3.9-32", @"C:\Program Files (x86)\Python39-32"), (installs[2].Company, installs[2].Tag, installs[2].InstallPath));
    }

    [Fact]
    public void Macos_python_org_framework_builds_are_listed_once_each_not_through_current()
    {
        using var tmp = new TempDir();
        var versions = tmp.Combine("Library", "Frameworks", "Python.framework", "Versions");
        Layouts.BaseInstall(Path.Combine(versions, "3.12"), "3.12.4");
        Layouts.BaseInstall(Path.Combine(versions, "3.11"), "3.11.9");
        File.CreateSymbolicLink(Path.Combine(versions, "Current"), "3.12");
        var machine = MachineLocations.FromEnvironment(n => n == "HOME" ? tmp.Combine("home") : null) with
        {
            SystemBinFolders = [], HomebrewPrefixes = [], CondaBases = [], PathEntries = [], FrameworkVersions = [versions],
        };

        var list = new InterpreterInventory(PhysicalFileSystem.Instance, machine).List(CancellationToken.None);

        Assert.Equal(
            new[] { (Path.Combine(versions, "3.11", "bin", "python3.11"), "3.11.9", "python.org"), (Path.Combine(versions, "3.12", "bin", "python3.12"), "3.12.4", "python.org") },
            list.Select(i => (i.Executable, i.Version, i.Source)).OrderBy(e => e.Item1, StringComparer.Ordinal));
    }
}
