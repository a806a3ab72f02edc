using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Native;

/// <summary>
/// A 3.12 venv (with pip) into which pip installed vdnative 1.0, whose wheel carried a module built for Python 3.11
/// (pip accepts it: the wheel says py3-none-any); <see cref="PublishFixed"/> replaces the wheel in the local find-links
/// folder by one of the same version built for 3.12. <see cref="Fixture.PipConfig"/> points pip there, as a user's
/// pip.conf would (there is no index here).
/// </summary>
public static class WrongTagWheel
{
    public sealed record Fixture(TempDir Tmp, string Env, string Wheels, Dictionary<string, string?> PipConfig) : IDisposable
    {
        public void Dispose() => Tmp.Dispose();
    }

    public static Fixture Installed()
    {
        var py312 = NativeBuilds.Pyenv("3.12");
        var py311 = NativeBuilds.Pyenv("3.11");
        var tmp = new TempDir("vd-native-pip");
        var wheels = tmp.Combine("wheels");
        var wrong = NativeBuilds.Module(py311, tmp.Combine("build", "_speed.cpython-311-x86_64-linux-gnu.so"), "_speed");
        TinyWheel.Build(wheels, "vdnative", "1.0", new Dictionary<string, byte[]> { ["vdnative/_speed.cpython-311-x86_64-linux-gnu.so"] = File.ReadAllBytes(wrong) });
        var env = tmp.Combine("env");
        Venvs.Create(py312, env, withPip: true);
        var install = Run.Process(Path.Combine(env, "bin", "python"), ["-m", "pip", "install", "--no-index", "--find-links", wheels, "vdnative"]);
        Assert.True(install.ExitCode == 0, install.StdErr);
        return new Fixture(tmp, env, wheels, new() { ["PIP_NO_INDEX"] = "1", ["PIP_FIND_LINKS"] = wheels });
    }

    public static void PublishFixed(Fixture f)
    {
        var py312 = NativeBuilds.Pyenv("3.12");
        var right = NativeBuilds.Module(py312, f.Tmp.Combine("build", "_speed.cpython-312-x86_64-linux-gnu.so"), "_speed");
        foreach (var old in Directory.EnumerateFiles(f.Wheels)) File.Delete(old);
        TinyWheel.Build(f.Wheels, "vdnative", "1.0", new Dictionary<string, byte[]> { ["vdnative/_speed.cpython-312-x86_64-linux-gnu.so"] = File.ReadAllBytes(right) });
    }
}
