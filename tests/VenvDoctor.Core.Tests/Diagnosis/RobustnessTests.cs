using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;
using static VenvDoctor.Core.Tests.Diagnosis.DiagnosisTestKit;

namespace VenvDoctor.Core.Tests.Diagnosis;

/// <summary>Bad input gets a clear finding and loses nothing: link loops, FIFOs, binaries and junk in bin/.</summary>
public class RobustnessTests
{
    [PythonFact]
    public void Interpreter_link_loop_is_base_missing_not_a_hang()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var bin = Path.Combine(venv, "bin");
        foreach (var f in Directory.EnumerateFileSystemEntries(bin, "python*")) File.Delete(f);
        File.CreateSymbolicLink(Path.Combine(bin, "python"), "python3");
        File.CreateSymbolicLink(Path.Combine(bin, "python3"), "python");
        var env = Diagnose(venv);
        Assert.Contains(FindingCodes.BaseMissing, env.Codes());
        Assert.Equal(Health.Broken, env.Health);
    }

    [PythonFact]
    public void Fifo_binaries_and_junk_in_bin_are_read_without_blocking_or_misreading()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var bin = Path.Combine(venv, "bin");
        Run.Checked("mkfifo", Path.Combine(bin, "a-fifo"));
        File.Copy("/bin/true", Path.Combine(bin, "native-tool"));
        File.WriteAllBytes(Path.Combine(bin, "junk"), [0xFF, 0xFE, 0x00, 0x23, 0x21]);
        File.WriteAllText(Path.Combine(bin, "empty"), "");
        var facts = EnvironmentFactsReader.Read(venv);
        Assert.Contains(facts.ConsoleScripts, s => s.File.EndsWith("native-tool") && s.Binary == BinaryKind.Elf && s.Interpreter is null);
        Assert.All(facts.ConsoleScripts, s => Assert.Null(s.Interpreter));
        AssertHealthy(Diagnose(venv));
    }

    [PythonFact]
    public void Vanished_environment_is_a_clear_io_error()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        Directory.Delete(venv, recursive: true);
        var e = Assert.Throws<DirectoryNotFoundException>(() => Diagnose(venv));
        Assert.Contains(venv, e.Message);
    }
}
