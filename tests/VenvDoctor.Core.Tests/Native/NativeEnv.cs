using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Native;

/// <summary>
/// A real venv of a real interpreter (no pip: diagnosis tests need none) with distributions laid into its
/// site-packages the way pip leaves them: the files, and a <c>NAME-VERSION.dist-info</c> with METADATA, WHEEL (its tags)
/// and RECORD listing every file. Also runs the environment's own python, to prove a fixture imports (or fails) for real.
/// </summary>
public sealed class NativeEnv : IDisposable
{
    public TempDir Tmp { get; } = new("vd-native");
    public PythonInstall Python { get; }
    public string Path { get; }
    public string Site { get; }

    public NativeEnv(string minor = "3.12")
    {
        Python = NativeBuilds.Pyenv(minor);
        Path = Venvs.Create(Python, Tmp.Combine("env"));
        Site = System.IO.Path.Combine(Path, "lib", $"python{minor}", "site-packages");
    }

    /// <summary>A file's place in site-packages (folders made).</summary>
    public string At(string relative)
    {
        var full = System.IO.Path.Combine(Site, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>A folder in site-packages (made).</summary>
    public string Folder(string relative) => Directory.CreateDirectory(System.IO.Path.Combine(Site, relative)).FullName;

    /// <summary>Records the given site-packages files (already there) as installed by <paramref name="name"/>.</summary>
    public void Record(string name, string version, IEnumerable<string> files, string wheelTag = "cp312-cp312-manylinux_2_17_x86_64")
    {
        var distInfo = System.IO.Path.Combine(Site, $"{name}-{version}.dist-info");
        Directory.CreateDirectory(distInfo);
        File.WriteAllText(System.IO.Path.Combine(distInfo, "METADATA"), $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n");
        File.WriteAllText(System.IO.Path.Combine(distInfo, "WHEEL"), $"Wheel-Version: 1.0\nGenerator: venv-doctor-tests\nRoot-Is-Purelib: false\nTag: {wheelTag}\n");
        File.WriteAllText(System.IO.Path.Combine(distInfo, "INSTALLER"), "pip\n");
        var record = files.Select(f => System.IO.Path.GetRelativePath(Site, f) + ",,")
            .Concat(new[] { "METADATA", "WHEEL", "INSTALLER", "RECORD" }.Select(m => $"{name}-{version}.dist-info/{m},,"));
        File.WriteAllText(System.IO.Path.Combine(distInfo, "RECORD"), string.Join('\n', record) + "\n");
    }

    /// <summary>Runs <c>import MODULE</c> with the environment's python: (exit code, stderr).</summary>
    public Run.Result Import(string module) =>
        Run.Process(System.IO.Path.Combine(Path, "bin", "python"), ["-c", $"import {module}"]);

    public void Dispose() => Tmp.Dispose();
}
