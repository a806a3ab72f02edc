using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;
using static VenvDoctor.Core.Tests.Diagnosis.DiagnosisTestKit;

namespace VenvDoctor.Core.Tests.Diagnosis;

public class MovedAndCopiedTests
{
    [PythonTheory]
    [MemberData(nameof(AllPythons), MemberType = typeof(DiagnosisTestKit))]
    public void Fresh_venv_is_healthy(string python)
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Python(python), tmp.Combine("env"));
        var env = Diagnose(venv);
        AssertHealthy(env);
        Assert.Equal(venv, env.Path);
        Assert.Equal(Path.Combine(venv, "bin", "python"), env.Interpreter);
        Assert.StartsWith(Python(python).Minor, env.Version);
    }

    [PythonTheory]
    [MemberData(nameof(AllPythons), MemberType = typeof(DiagnosisTestKit))]
    public void Renamed_venv_is_moved_with_the_old_location(string python)
    {
        using var tmp = new TempDir();
        var old = Venvs.Create(Python(python), tmp.Combine("old env"));
        var now = tmp.Combine("new-env");
        Directory.Move(old, now);

        var env = Diagnose(now);

        var moved = env.Single(FindingCodes.Moved);
        Assert.Equal(Severity.Error, moved.Severity);
        Assert.Equal(old, moved.Data["recordedPath"]);
        Assert.Equal(Health.Broken, env.Health);
        Assert.DoesNotContain(FindingCodes.Copied, env.Codes());
        var relocate = Assert.Single(env.Suggestions, s => s.Action == RepairActions.Relocate);
        Assert.Equal(old, relocate.Data["from"]);
        Assert.Equal(now, relocate.Data["to"]);
        Assert.Equal(RepairActions.Relocate, env.Suggestions[0].Action);
    }

    [PythonTheory]
    [MemberData(nameof(AllPythons), MemberType = typeof(DiagnosisTestKit))]
    public void Copy_with_the_original_present_is_copied(string python)
    {
        using var tmp = new TempDir();
        var original = Venvs.Create(Python(python), tmp.Combine("orig"));
        var copy = tmp.Combine("copy");
        CopyTree(original, copy);

        var env = Diagnose(copy, known: [original]);

        var copied = env.Single(FindingCodes.Copied);
        Assert.Equal(original, copied.Data["recordedPath"]);
        Assert.DoesNotContain(FindingCodes.Moved, env.Codes());
        Assert.Equal(RepairActions.MakeIndependent, env.Suggestions[0].Action);
        AssertHealthy(Diagnose(original, known: [copy]));
    }

    [PythonFact]
    public void Copy_of_an_original_known_only_from_the_disk_is_copied_even_without_its_pyvenv_cfg()
    {
        // A scan diagnoses each environment as soon as it is found, so the original is not "known" yet: it must be
        // recognised where the copy's files point, by the same locators discovery uses (here: a venv whose
        // pyvenv.cfg is gone, which only the venv-shaped locator knows).
        using var tmp = new TempDir();
        var original = Venvs.Create(Pythons.Any!, tmp.Combine("orig"));
        var copy = tmp.Combine("copy");
        CopyTree(original, copy);
        File.Delete(Path.Combine(original, "pyvenv.cfg"));

        var env = Diagnose(copy);

        Assert.Equal(original, env.Single(FindingCodes.Copied).Data["recordedPath"]);
        Assert.DoesNotContain(FindingCodes.Moved, env.Codes());
    }

    [PythonFact]
    public void Venv_reached_through_a_symlinked_folder_is_not_moved()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("real"));
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("real", "env"));
        Directory.CreateSymbolicLink(tmp.Combine("alias"), tmp.Combine("real"));

        AssertHealthy(Diagnose(tmp.Combine("alias", "env")));
    }

    [PythonFact]
    public void Moved_is_found_from_console_scripts_in_both_shebang_forms()
    {
        using var tmp = new TempDir();
        var old = Venvs.Create(Pythons.Any!, tmp.Combine("o"));
        // Only scripts record the location: drop the activation scripts and the command line.
        foreach (var f in Directory.EnumerateFiles(Path.Combine(old, "bin"), "activate*")) File.Delete(f);
        File.WriteAllLines(Path.Combine(old, "pyvenv.cfg"), File.ReadAllLines(Path.Combine(old, "pyvenv.cfg")).Where(l => !l.StartsWith("command")));
        Venvs.WriteConsoleScript(old, "plain", Path.Combine(old, "bin", "python"));
        var moved = tmp.Combine("n");
        Directory.Move(old, moved);
        var env = Diagnose(moved);
        Assert.Equal(old, env.Single(FindingCodes.Moved).Data["recordedPath"]);
        Assert.Equal(Path.Combine(moved, "bin", "plain"), env.Single(FindingCodes.Moved).Data["file"]);

        // Long path: pip's #!/bin/sh exec form.
        var longOld = tmp.Combine(new string('l', 130));
        Directory.Move(moved, longOld);
        File.Delete(Path.Combine(longOld, "bin", "plain"));
        Venvs.WriteConsoleScript(longOld, "long", Path.Combine(longOld, "bin", "python"));
        Assert.StartsWith("#!/bin/sh", File.ReadAllText(Path.Combine(longOld, "bin", "long")));
        var last = tmp.Combine("last");
        Directory.Move(longOld, last);
        var env2 = Diagnose(last);
        Assert.Equal(longOld, env2.Single(FindingCodes.Moved).Data["recordedPath"]);
        Assert.Equal("exec-form", env2.Single(FindingCodes.Moved).Data["format"]);
    }
}
