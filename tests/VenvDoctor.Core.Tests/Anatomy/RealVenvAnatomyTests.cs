using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Tests.Diagnosis;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Anatomy;

/// <summary>The readers on venvs made by every interpreter here: each version's activate format is found.</summary>
public class RealVenvAnatomyTests
{
    [PythonTheory]
    [MemberData(nameof(DiagnosisTestKit.AllPythons), MemberType = typeof(DiagnosisTestKit))]
    public void Every_activation_script_records_the_venv_with_a_round_tripping_span(string python)
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(DiagnosisTestKit.Python(python), tmp.Combine("a b", "it's"));
        var facts = EnvironmentFactsReader.Read(venv);

        Assert.Contains(facts.ActivationScripts, a => a.Shell == "sh");
        foreach (var script in facts.ActivationScripts)
        {
            Assert.NotEmpty(script.Paths);
            var text = File.ReadAllText(script.File);
            foreach (var p in script.Paths)
            {
                Assert.Equal(venv, p.Value);
                Assert.Equal(text.Substring(p.Start, p.Length), RecordedPathFormats.Encode(p.Format, p.Value));
            }
        }
        Assert.Equal(EnvironmentLayout.Posix, facts.Layout);
        Assert.NotNull(facts.Interpreter);
        Assert.False(facts.Interpreter!.Dangling);
        Assert.Equal(DiagnosisTestKit.Python(python).Minor, facts.Interpreter.Base!.Minor);
        Assert.Equal([DiagnosisTestKit.Python(python).Minor], facts.LibMinors);
        Assert.Contains(facts.RecordedPaths(), p => p.Kind == RecordKind.InterpreterLink);
        if (DiagnosisTestKit.Python(python).Version >= new Version(3, 11))
            Assert.Equal(venv, facts.Config!.CommandTarget()!.Value);
    }

    [PythonFact("3.12")]
    public void Elf_dynamic_section_of_a_pyenv_build_names_libpython_and_its_runpath()
    {
        var py = Pythons.Find("3.12")!;
        var elf = ElfDynamic.Read(py.Executable)!;
        Assert.Contains("libpython3.12.so.1.0", elf.Needed);
        var found = ElfDynamic.FindLibrary(py.Executable, elf, "libpython3.12.so.1.0");
        Assert.NotNull(found);
        Assert.True(File.Exists(found));
    }
}
