using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Diagnosis;
using VenvDoctor.Core.Tests.Support;
using Xunit.Abstractions;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// Activation scripts are valid for any path: a real environment (each Python's venv templates, the
/// CVE-2024-9287-fixed ones, virtualenv's) is moved through generated hostile paths, relocated at each, and every
/// installed shell sources its script there: VIRTUAL_ENV must be the real location and PATH must start with its bin.
/// </summary>
public sealed class ActivationPropertyTests(ITestOutputHelper output)
{
    /// <summary>Names the file system allows (quotes, $, backticks, !, backslashes, blanks, line breaks, controls, non-ASCII, emoji, 300+ bytes).</summary>
    private static readonly IReadOnlyList<string> Targets = HostilePaths.Generate(8, seed: 9, lineBreaks: true, controls: true);

    [PythonFact("3.8")] public void A_3_8_venv_activates_at_any_path() => Prove(dir => Venvs.Create(Pythons.Find("3.8")!, dir), "cpython");
    [PythonFact("3.12")] public void A_3_12_venv_activates_at_any_path() => Prove(dir => Venvs.Create(Pythons.Find("3.12")!, dir), "cpython");
    [PythonFact("3.13")] public void A_3_13_venv_activates_at_any_path() => Prove(dir => Venvs.Create(Pythons.Find("3.13")!, dir), "cpython");
    [SystemPythonFact] public void A_security_fixed_venv_activates_at_any_path() => Prove(dir => Venvs.Create(Proofs.System311!, dir), "cpython");

    [VirtualenvFact]
    public void A_virtualenv_env_activates_at_any_path() => Prove(dir =>
    {
        Run.Checked("/usr/bin/python3", "-m", "virtualenv", "--no-seed", "--no-periodic-update", "-p", Pythons.Any!.Executable, dir);
        return dir;
    }, "virtualenv");

    /// <summary>
    /// Where a template itself, not the path the repair writes, cannot work for a name, with the reason. Every
    /// other combination of shell and name is checked.
    /// </summary>
    private static string? TemplateLimit(string maker, string shell, string path) => (maker, shell) switch
    {
        // CPython's activate.csh expands "$VIRTUAL_ENV/bin:$PATH" without :q, which csh cannot do with a line break.
        ("cpython", "tcsh") when path.Contains('\n') => "CPython's activate.csh expands $VIRTUAL_ENV in double quotes without :q",
        // PowerShell on Linux reads a backslash in a path as a separator: Activate.ps1, which derives its location at
        // run time and records none, fails there even in a venv made in place (Get-Item finds no such folder).
        (_, "pwsh") when path.Contains('\\') => "PowerShell on Linux reads a backslash in a path as a separator",
        // Activate.ps1 passes its own location to Get-Item -Path / Resolve-Path, which read [ as a wildcard: a venv made
        // in place under such a name does not activate in PowerShell either.
        (_, "pwsh") when path.Contains('[') => "Activate.ps1 resolves its own path as a wildcard pattern, where [ is special",
        _ => null,
    };

    private void Prove(Func<string, string> make, string maker)
    {
        using var tmp = new TempDir();
        var current = make(tmp.Combine("made", "env"));
        var engine = new TestJournals().Engine();
        var failures = new List<string>();
        var checkedShells = new HashSet<string>();
        for (var i = 0; i < Targets.Count; i++)
        {
            var moved = $"{tmp.Path}/t{i}{Targets[i]}";
            Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
            Directory.Move(current, moved);
            current = moved;
            engine.Apply(new RelocateAction().Plan(new RepairRequest(moved), CancellationToken.None), null, CancellationToken.None);
            // What the repair wrote, the next diagnosis reads as the same place (one format table for both).
            foreach (var script in Directory.EnumerateFiles(Path.Combine(moved, "bin")).Select(ActivationScripts.Read).OfType<ActivationScript>())
                foreach (var recorded in script.Paths.Where(p => p.Value != moved))
                    failures.Add($"{HostilePaths.Show(Targets[i])}: {script.File} is read as {HostilePaths.Show(recorded.Value)} ({recorded.Format})");
            foreach (var shell in Proofs.ScriptsByShell.Keys.Where(s => Shells.Find(s) is not null || Shells.Required.Contains(s)))
                foreach (var script in Proofs.ScriptsByShell[shell].Where(s => File.Exists(Path.Combine(moved, "bin", s))))
                {
                    if (TemplateLimit(maker, shell, Targets[i]) is { } limit)
                    {
                        output.WriteLine($"not checked: {shell} {script} at {HostilePaths.Show(Targets[i])}: {limit}");
                        continue;
                    }
                    var report = shell == "nu" ? Proofs.NuVirtualEnvLine(moved) : Proofs.Activate(shell, moved, script);
                    if (report.Problem(moved) is { } problem) failures.Add($"{HostilePaths.Show(Targets[i])}: {problem}");
                    checkedShells.Add(shell);
                }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains("bash", checkedShells);
    }
}
