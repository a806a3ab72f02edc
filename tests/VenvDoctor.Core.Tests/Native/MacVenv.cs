using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Native;

/// <summary>
/// A venv laid out as CPython's venv makes it on macOS, with a real Mach-O base interpreter: <c>base/bin/python3.12</c>
/// is an arm64 executable (linked by ld64.lld, run path <c>@executable_path/../lib</c>), the venv's <c>bin/python</c>
/// links to it and its pyvenv.cfg names it. Nothing here can run it: the diagnosis reads it, as it would on a Mac.
/// </summary>
public sealed class MacVenv : IDisposable
{
    public TempDir Tmp { get; } = new("vd-macho");
    public string Base { get; }
    public string Interpreter { get; }
    public string Path { get; }
    public string Site { get; }

    public MacVenv()
    {
        Base = Tmp.Combine("base");
        Interpreter = MachOBuilds.Executable(Tmp.Combine("base", "bin", "python3.12"), "arm64", "-rpath", "@executable_path/../lib");
        Directory.CreateDirectory(Tmp.Combine("base", "lib", "python3.12"));
        Path = Tmp.Combine("env");
        Site = Directory.CreateDirectory(System.IO.Path.Combine(Path, "lib", "python3.12", "site-packages")).FullName;
        var bin = Directory.CreateDirectory(System.IO.Path.Combine(Path, "bin")).FullName;
        File.CreateSymbolicLink(System.IO.Path.Combine(bin, "python"), Interpreter);
        File.CreateSymbolicLink(System.IO.Path.Combine(bin, "python3"), "python");
        File.CreateSymbolicLink(System.IO.Path.Combine(bin, "python3.12"), "python");
        File.WriteAllText(System.IO.Path.Combine(Path, "pyvenv.cfg"),
            $"home = {System.IO.Path.GetDirectoryName(Interpreter)}\ninclude-system-site-packages = false\nversion = 3.12.1\n"
            + $"executable = {Interpreter}\ncommand = {Interpreter} -m venv {Path}\n");
    }

    /// <summary>A file's place in site-packages (folders made).</summary>
    public string At(string relative)
    {
        var full = System.IO.Path.Combine(Site, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>The context every rule sees, made as the diagnoser makes it.</summary>
    public DiagnosisContext Context()
    {
        IEnvironmentDiscovery discovery = EnvironmentDiscovery.ForOneWalk();
        var candidate = discovery.IdentifyAsEnvironment(Path);
        return new DiagnosisContext(candidate, EnvironmentFactsReader.Read(Path, CancellationToken.None), [], [], DiagnosisOptions.Default);
    }

    public void Dispose() => Tmp.Dispose();
}
