using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Locators;
using VenvDoctor.Core.Discovery.Machine;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Tests.Watching;

namespace VenvDoctor.Core.Tests.Discovery;

public class LocatorTests
{
    private static EnvironmentDiscovery Discovery(TempDir tmp) =>
        new(PhysicalFileSystem.Instance, MachineLocations.FromEnvironment(n => n == "HOME" ? tmp.Combine("home") : null));

    [PythonFact]
    public void Every_real_interpreter_makes_a_venv_that_is_identified_as_venv()
    {
        using var tmp = new TempDir();
        var discovery = Discovery(tmp);
        foreach (var python in Pythons.WithVenv)
        {
            var dir = Venvs.Create(python, tmp.Combine($"venv-{python.Source}-{python.Version}"));
            var found = discovery.Identify(dir);
            Assert.NotNull(found);
            Assert.Equal(EnvironmentKind.Venv, found.Kind);
            Assert.Equal(dir, found.Path);
            Assert.Equal("workspace", found.Manager);
        }
    }

    [PythonFact]
    public void A_real_venv_without_its_pyvenv_cfg_is_venv_shaped()
    {
        using var tmp = new TempDir();
        var dir = Layouts.RealVenv(tmp.Combine("v"));
        File.Delete(Path.Combine(dir, "pyvenv.cfg"));
        Assert.Equal(EnvironmentKind.VenvShaped, Discovery(tmp).Identify(dir)?.Kind);
    }

    [Fact]
    public void Layouts_written_like_their_tools_are_identified_by_their_own_locator()
    {
        using var tmp = new TempDir();
        var discovery = Discovery(tmp);
        Assert.Equal(EnvironmentKind.Uv, discovery.Identify(Layouts.Uv(tmp.Combine("uv")))?.Kind);
        Assert.Equal(EnvironmentKind.Virtualenv, discovery.Identify(Layouts.Virtualenv(tmp.Combine("ve")))?.Kind);
        Assert.Equal(EnvironmentKind.Conda, discovery.Identify(Layouts.Conda(tmp.Combine("conda")))?.Kind);
        Assert.Equal(EnvironmentKind.LegacyVirtualenv, discovery.Identify(Layouts.LegacyVirtualenv(tmp.Combine("legacy")))?.Kind);
        Assert.Equal(EnvironmentKind.WindowsVenv, discovery.Identify(Layouts.WindowsVenv(tmp.Combine("win")))?.Kind);
        Assert.Equal("uv", discovery.Identify(tmp.Combine("uv"))?.Locator);
    }

    [Fact]
    public void A_base_install_is_not_mistaken_for_a_venv()
    {
        using var tmp = new TempDir();
        var discovery = Discovery(tmp);
        Assert.Null(discovery.Identify(Layouts.BaseInstall(tmp.Combine("python-3.12.1"), "3.12.1")));
        Assert.Null(discovery.Identify("/usr"));
        Assert.Null(discovery.Identify(tmp.Path));
        Assert.Empty(Walk.Run(tmp.Path).Found);
    }

    [PyenvFact]
    public void The_real_pyenv_versions_are_not_venvs()
    {
        var versions = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"), "versions");
        foreach (var prefix in Directory.EnumerateDirectories(versions))
        {
            if (File.Exists(Path.Combine(prefix, "pyvenv.cfg"))) continue; // a pyenv-virtualenv env is a venv
            var view = new FolderView(prefix, PhysicalFileSystem.Instance.List(prefix), PhysicalFileSystem.Instance);
            Assert.Null(EnvironmentLocators.Identify(view));
        }
    }

    [Fact]
    public void A_huge_or_garbled_pyvenv_cfg_still_makes_a_venv_and_is_read_only_in_part()
    {
        using var tmp = new TempDir();
        var big = Directory.CreateDirectory(tmp.Combine("big")).FullName;
        var text = new string('x', 10 * 1024 * 1024) + "\nuv = 0.5.0\n";
        File.WriteAllText(Path.Combine(big, "pyvenv.cfg"), "home = /usr/bin\n" + text);
        var garbled = Directory.CreateDirectory(tmp.Combine("garbled")).FullName;
        File.WriteAllBytes(Path.Combine(garbled, "pyvenv.cfg"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256)).ToArray());
        var discovery = Discovery(tmp);
        // Only the first 64 KiB are read: the uv key 10 MB down is not seen, the folder is still a venv.
        Assert.Equal(EnvironmentKind.Venv, discovery.Identify(big)?.Kind);
        Assert.Equal(EnvironmentKind.Venv, discovery.Identify(garbled)?.Kind);
    }
}
