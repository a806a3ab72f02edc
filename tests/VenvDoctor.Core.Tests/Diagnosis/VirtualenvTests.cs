using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;
using static VenvDoctor.Core.Tests.Diagnosis.DiagnosisTestKit;

namespace VenvDoctor.Core.Tests.Diagnosis;

/// <summary>A [Fact] that needs pypa virtualenv (Debian's python3-virtualenv) and a Python to build with.</summary>
public sealed class VirtualenvFactAttribute : FactAttribute
{
    public static readonly bool Available = File.Exists("/usr/bin/python3")
        && Run.Process("/usr/bin/python3", ["-m", "virtualenv", "--version"]).ExitCode == 0;

    public VirtualenvFactAttribute()
    {
        if (!Available) Skip = "virtualenv is not installed (apt-get install python3-virtualenv)";
        else if (Pythons.Any is null) Skip = "No Python 3.8+ found on this machine";
    }
}

public class VirtualenvTests
{
    [VirtualenvFact]
    public void Virtualenv_env_is_read_healthy_then_moved()
    {
        using var tmp = new TempDir();
        var old = tmp.Combine("a b", "ve");
        Run.Checked("/usr/bin/python3", "-m", "virtualenv", "--no-seed", "--no-periodic-update", "-p", Pythons.Any!.Executable, old);
        var facts = EnvironmentFactsReader.Read(old);
        Assert.Contains(facts.ActivationScripts, a => a.Shell == "nu" && a.Paths.Single().Value == old);
        foreach (var a in facts.ActivationScripts)
        {
            var p = Assert.Single(a.Paths); // not cygpath's "-u", not "$VIRTUAL_ENV"
            Assert.Equal(old, p.Value);
            Assert.Equal(File.ReadAllText(p.File).Substring(p.Start, p.Length), RecordedPathFormats.Encode(p.Format, p.Value));
        }
        var env = Diagnose(old);
        Assert.Equal(EnvironmentKind.Virtualenv, env.Kind);
        AssertHealthy(env);
        Assert.Equal(Pythons.Any.Version.ToString(), env.Version);

        var now = tmp.Combine("moved");
        Directory.Move(old, now);
        var moved = Diagnose(now).Single(FindingCodes.Moved);
        Assert.Equal(old, moved.Data["recordedPath"]);
        Assert.Equal(facts.ActivationScripts.Count.ToString(), moved.Data["records"]);
    }
}
