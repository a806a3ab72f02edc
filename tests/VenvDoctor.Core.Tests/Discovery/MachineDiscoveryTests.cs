using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Discovery.Machine;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Tests.Watching;

namespace VenvDoctor.Core.Tests.Discovery;

public class MachineDiscoveryTests
{
    /// <summary>A machine whose every tool folder is in a temp folder, set through the tools' own variables.</summary>
    private static MachineLocations Machine(TempDir tmp, Dictionary<string, string>? extra = null)
    {
        var vars = new Dictionary<string, string>
        {
            ["HOME"] = tmp.Combine("home"),
            ["XDG_DATA_HOME"] = tmp.Combine("data"),
            ["XDG_CACHE_HOME"] = tmp.Combine("cache"),
            ["PYENV_ROOT"] = tmp.Combine("pyenv"),
            ["PATH"] = "",
            ["HOMEBREW_PREFIX"] = tmp.Combine("brew"),
        };
        foreach (var (k, v) in extra ?? []) vars[k] = v;
        var locations = MachineLocations.FromEnvironment(n => vars.GetValueOrDefault(n));
        // Only the temp machine: not this machine's /usr/bin, /opt/homebrew...
        return locations with
        {
            SystemBinFolders = [],
            HomebrewPrefixes = [tmp.Combine("brew")],
            CondaBases = [tmp.Combine("home", "miniconda3")],
        };
    }

    [PythonFact]
    public void Finds_each_tools_environments_with_its_manager()
    {
        using var tmp = new TempDir();
        var workon = tmp.Combine("workon");
        var machine = Machine(tmp, new() { ["WORKON_HOME"] = workon, ["POETRY_VIRTUALENVS_PATH"] = tmp.Combine("poetry") });
        var wrapper = Layouts.RealVenv(Path.Combine(workon, "proj"));
        var poetry = Layouts.Uv(tmp.Combine("poetry", "app-Xy12ab-py3.12"));
        var hatch = Layouts.Uv(tmp.Combine("data", "hatch", "env", "virtual", "app", "aBcD1234", "app"));
        var uvTool = Layouts.Uv(tmp.Combine("data", "uv", "tools", "ruff"));
        var pyenvBase = Layouts.BaseInstall(tmp.Combine("pyenv", "versions", "3.12.1"), "3.12.1");
        var pyenvEnv = Layouts.Virtualenv(tmp.Combine("pyenv", "versions", "3.12.1", "envs", "tools"));
        File.CreateSymbolicLink(tmp.Combine("pyenv", "versions", "tools"), pyenvEnv);
        var condaBase = Layouts.Conda(tmp.Combine("home", "miniconda3"));
        var condaEnv = Layouts.Conda(tmp.Combine("home", "miniconda3", "envs", "ds"));
        var condaElsewhere = Layouts.Conda(tmp.Combine("projects", "conda-env"));
        Layouts.Write(tmp.Combine("home", ".conda", "environments.txt"), $"{condaBase}\n{condaEnv}\n{condaElsewhere}\n{tmp.Combine("gone")}\n");

        var skipped = new List<SkippedPath>();
        var found = new EnvironmentDiscovery(PhysicalFileSystem.Instance, machine).FindOnMachine(skipped.Add, CancellationToken.None).ToList();

        (string Path, EnvironmentKind Kind, string? Manager)[] expected =
        [
            (wrapper, EnvironmentKind.Venv, "virtualenvwrapper"),
            (poetry, EnvironmentKind.Uv, "poetry"),
            (hatch, EnvironmentKind.Uv, "hatch"),
            (uvTool, EnvironmentKind.Uv, "uv"),
            (pyenvBase, EnvironmentKind.Pyenv, "pyenv"),
            (pyenvEnv, EnvironmentKind.Virtualenv, "pyenv-virtualenv"),
            (condaBase, EnvironmentKind.Conda, "conda"),
            (condaEnv, EnvironmentKind.Conda, "conda"),
            (condaElsewhere, EnvironmentKind.Conda, "conda"),
        ];
        Assert.Equal(expected.OrderBy(e => e.Path, StringComparer.Ordinal),
            found.Select(f => (f.Path, f.Kind, f.Manager)).OrderBy(e => e.Path, StringComparer.Ordinal));
        Assert.Contains(skipped, s => s.Path == tmp.Combine("gone"));
    }

    [Fact]
    public void Pipenv_uses_xdg_data_home_unless_workon_home_is_set()
    {
        using var tmp = new TempDir();
        var pipenv = Layouts.Uv(tmp.Combine("data", "virtualenvs", "proj-AbCd1234"));
        var found = new EnvironmentDiscovery(PhysicalFileSystem.Instance, Machine(tmp)).FindOnMachine(_ => { }, CancellationToken.None).ToList();
        Assert.Equal("pipenv", Assert.Single(found, f => f.Path == pipenv).Manager);
    }

    [Fact]
    public void Inventory_reads_versions_from_files_and_leaves_out_venvs_and_shims()
    {
        using var tmp = new TempDir();
        var machine = Machine(tmp);
        Layouts.BaseInstall(tmp.Combine("pyenv", "versions", "3.12.1"), "3.12.1");
        Layouts.BaseInstall(tmp.Combine("pyenv", "versions", "3.7.16"), "3.7.16");
        // 3.7 keeps its headers in include/python3.7m
        Directory.Move(tmp.Combine("pyenv", "versions", "3.7.16", "include", "python3.7"), tmp.Combine("pyenv", "versions", "3.7.16", "include", "python3.7m"));
        Layouts.Virtualenv(tmp.Combine("pyenv", "versions", "3.12.1", "envs", "tools"));
        File.CreateSymbolicLink(tmp.Combine("pyenv", "versions", "tools"), tmp.Combine("pyenv", "versions", "3.12.1", "envs", "tools"));
        Layouts.BaseInstall(tmp.Combine("brew", "Cellar", "python@3.11", "3.11.9"), "3.11.9");
        Directory.CreateDirectory(tmp.Combine("brew", "opt"));
        File.CreateSymbolicLink(tmp.Combine("brew", "opt", "python@3.11"), tmp.Combine("brew", "Cellar", "python@3.11", "3.11.9"));
        Layouts.BaseInstall(tmp.Combine("data", "uv", "python", "cpython-3.13.0-linux-x86_64-gnu"), "3.13.0");
        // No patchlevel.h: the version comes from lib/python3.10.
        Layouts.BaseInstall(tmp.Combine("opt", "py310"), "3.10.4");
        File.Delete(tmp.Combine("opt", "py310", "include", "python3.10", "patchlevel.h"));
        // PATH: a pyenv shim (a script), a venv's bin (its interpreter is not a base), the /opt install.
        Layouts.Write(tmp.Combine("shims", "python3"), "#!/usr/bin/env bash\nexec pyenv exec python3 \"$@\"\n");
        var venvBin = Layouts.Uv(tmp.Combine("proj", ".venv"), baseBin: tmp.Combine("opt", "py310", "bin"));
        File.CreateSymbolicLink(Path.Combine(venvBin, "bin", "python3.10"), "python");
        machine = machine with { PathEntries = [tmp.Combine("shims"), Path.Combine(venvBin, "bin"), tmp.Combine("opt", "py310", "bin")] };

        var list = new InterpreterInventory(PhysicalFileSystem.Instance, machine).List(CancellationToken.None);

        (string, string, string)[] expected =
        [
            (tmp.Combine("pyenv", "versions", "3.12.1", "bin", "python3.12"), "3.12.1", "pyenv"),
            (tmp.Combine("pyenv", "versions", "3.7.16", "bin", "python3.7"), "3.7.16", "pyenv"),
            (tmp.Combine("brew", "opt", "python@3.11", "bin", "python3.11"), "3.11.9", "homebrew"),
            (tmp.Combine("data", "uv", "python", "cpython-3.13.0-linux-x86_64-gnu", "bin", "python3.13"), "3.13.0", "uv"),
            (tmp.Combine("opt", "py310", "bin", "python3.10"), "3.10", "path"),
        ];
        Assert.Equal(expected.OrderBy(e => e.Item1, StringComparer.Ordinal),
            list.Select(i => (i.Executable, i.Version, i.Source)).OrderBy(e => e.Item1, StringComparer.Ordinal));
    }

    [PyenvFact]
    public void Inventory_on_this_machine_finds_the_pyenv_versions_with_their_versions()
    {
        var versions = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"), "versions");
        var expected = Pythons.All.Where(p => p.Source == "pyenv").ToList();

        var list = new InterpreterInventory().List(CancellationToken.None);

        foreach (var python in expected)
        {
            var found = Assert.Single(list, i => i.Source == "pyenv" && i.Executable == python.Executable);
            Assert.Equal(python.Version.ToString(), found.Version);
        }
        Assert.DoesNotContain(list, i => File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(i.Executable)!)!, "pyvenv.cfg")));
        if (File.Exists("/usr/bin/python3.11"))
            Assert.Contains(list, i => i.Executable.StartsWith("/usr/bin/python3", StringComparison.Ordinal) && i.Version.StartsWith("3.11", StringComparison.Ordinal));
    }

    [Fact]
    public void Inventory_kept_between_calls_still_sees_pythons_installed_and_removed_since()
    {
        using var tmp = new TempDir();
        Layouts.BaseInstall(tmp.Combine("pyenv", "versions", "3.12.1"), "3.12.1");
        FolderTimes.Backdate(tmp.Path); // a tree just made is never settled enough to keep (SettledTime)
        var inventory = new InterpreterInventory(PhysicalFileSystem.Instance, Machine(tmp));
        Assert.Equal(["3.12.1"], inventory.List(CancellationToken.None).Select(i => i.Version));
        Assert.Same(inventory.List(CancellationToken.None), inventory.List(CancellationToken.None));

        Layouts.BaseInstall(tmp.Combine("pyenv", "versions", "3.13.0"), "3.13.0");
        Assert.Equal(["3.12.1", "3.13.0"], inventory.List(CancellationToken.None).Select(i => i.Version).Order());

        Directory.Delete(tmp.Combine("pyenv", "versions", "3.12.1"), recursive: true);
        Layouts.BaseInstall(tmp.Combine("data", "uv", "python", "cpython-3.11.9-linux-x86_64-gnu"), "3.11.9");
        Assert.Equal(["3.11.9", "3.13.0"], inventory.List(CancellationToken.None).Select(i => i.Version).Order());
    }
}
