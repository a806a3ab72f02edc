using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Diagnosis;

/// <summary>A [Theory] over installed interpreters, skipped with the reason when there is none.</summary>
public sealed class PythonTheoryAttribute : TheoryAttribute
{
    public PythonTheoryAttribute()
    {
        if (Pythons.Any is null) Skip = "No Python 3.8+ found on this machine (looked in $PYENV_ROOT/versions and /usr/bin)";
    }
}

/// <summary>Shared helpers for diagnosis tests: every installed interpreter as theory data, diagnosing a folder.</summary>
public static class DiagnosisTestKit
{
    /// <summary>Every interpreter that makes venvs (pyenv 3.8–3.13, Debian's 3.11): the activate format differs per version.</summary>
    public static TheoryData<string> AllPythons()
    {
        var data = new TheoryData<string>();
        foreach (var p in Pythons.WithVenv) data.Add(p.Executable);
        return data;
    }

    public static PythonInstall Python(string executable) => Pythons.WithVenv.Single(p => p.Executable == executable);

    public static PythonEnvironment Diagnose(string path, IReadOnlyCollection<string>? known = null, IReadOnlyList<BaseInterpreter>? interpreters = null) =>
        new EnvironmentDiagnoser().Diagnose(path, known, interpreters);

    public static IEnumerable<string> Codes(this PythonEnvironment env) => env.Findings.Select(f => f.Code);

    public static Finding Single(this PythonEnvironment env, string code) => Assert.Single(env.Findings, f => f.Code == code);

    /// <summary>No warning or error (info such as patch-drift is fine).</summary>
    public static void AssertHealthy(PythonEnvironment env) =>
        Assert.True(env.Findings.All(f => f.Severity == Severity.Info) && env.Health == Health.Ok,
            $"{env.Path}: expected healthy, got {env.Health}: " + string.Join("; ", env.Findings.Select(f => $"{f.Code}: {f.Message}")));

    /// <summary><c>cp -a</c>: copies a tree keeping symlinks as symlinks.</summary>
    public static void CopyTree(string from, string to) => Run.Checked("cp", "-a", from, to);
}
