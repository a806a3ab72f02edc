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

/// <summary>A [Fact] needing several minors at once (e.g. an upgrade from 3.11 to 3.12); skipped with the reason otherwise.</summary>
public sealed class PythonsFactAttribute : FactAttribute
{
    public PythonsFactAttribute(params string[] minors)
    {
        var missing = minors.Where(m => Pythons.Find(m) is null).ToList();
        if (missing.Count > 0) Skip = $"No Python {string.Join(", ", missing)} found on this machine (looked in $PYENV_ROOT/versions and /usr/bin)";
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

/// <summary>
/// A private copy of an installed Python (its prefix, without tests and site-packages) in a temp folder, so a test
/// can build a venv from it and then delete or re-point the base the way pyenv uninstall / Homebrew cleanup do.
/// </summary>
public static class PrivateBase
{
    public static PythonInstall Copy(PythonInstall python, string parent)
    {
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(python.Executable))!;
        Directory.CreateDirectory(parent);
        var excludes = new[] { "test", "tests", "__pycache__", "site-packages", "idlelib", "tkinter", "ensurepip", "turtledemo" };
        var args = new List<string> { "-c", $"tar -C {Quote(Path.GetDirectoryName(prefix)!)} -cf - {string.Join(' ', excludes.Select(e => "--exclude=" + e))} {Quote(Path.GetFileName(prefix))} | tar -C {Quote(parent)} -xf -" };
        var r = Run.Process("/bin/sh", args);
        if (r.ExitCode != 0) throw new InvalidOperationException($"copying {prefix} failed: {r.StdErr}");
        var copy = Path.Combine(parent, Path.GetFileName(prefix));
        return python with { Executable = Path.Combine(copy, "bin", Path.GetFileName(python.Executable)), Source = "private-copy" };
    }

    public static string PrefixOf(PythonInstall python) => Path.GetDirectoryName(Path.GetDirectoryName(python.Executable))!;

    private static string Quote(string s) => "'" + s.Replace("'", "'\"'\"'") + "'";

    /// <summary>pyenv builds only (a prefix of their own; Debian's /usr cannot be copied this way).</summary>
    public static TheoryData<string> PyenvPythons()
    {
        var data = new TheoryData<string>();
        foreach (var p in Pythons.WithVenv.Where(p => p.Source == "pyenv")) data.Add(p.Executable);
        return data;
    }
}
