using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Watching;

namespace VenvDoctor.Core.Tests.Diagnosis;

/// <summary>
/// One recorded-location priority for diagnosis, repair and watching (<see cref="RecordedLocations"/>). The case that
/// tells the priorities apart is real: a 3.11+ venv moved, then <c>python -m venv --upgrade</c> run in its new place,
/// which rewrites pyvenv.cfg's <c>command</c> to the new place while every activation script still names the old one.
/// </summary>
public sealed class RecordedLocationPriorityTests
{
    [PythonFact("3.12")]
    public void After_venv_upgrade_in_the_new_place_every_caller_names_the_place_the_scripts_record()
    {
        using var tmp = new TempDir();
        var python = Pythons.Find("3.12")!;
        var old = Venvs.Create(python, tmp.Combine("old"));
        var now = tmp.Combine("now");
        Directory.Move(old, now);
        Run.Checked(python.Executable, "-m", "venv", "--without-pip", "--upgrade", now);
        var facts = EnvironmentFactsReader.Read(now);
        Assert.Equal(now, facts.Config!.CommandTarget()!.Value); // the record venv --upgrade rewrote

        Assert.Equal(old, RecordedLocations.Primary(facts));
        Assert.Equal(old, EnvironmentIdentity.Read(now).RecordedLocation);
        var moved = Assert.Single(DiagnosisTestKit.Diagnose(now).Findings, f => f.Code == FindingCodes.Moved);
        Assert.Equal(old, moved.Data["recordedPath"]);
        Assert.StartsWith(Path.Combine(now, "bin", "activate"), moved.Data["file"]); // the evidence shown is the record that decided
        var plan = new RelocateAction().Plan(new RepairRequest(now), CancellationToken.None);
        Assert.Contains(plan.Edits, e => e.Path.EndsWith("/bin/activate", StringComparison.Ordinal));
    }

    [PythonFact]
    public void Locations_rank_by_the_best_record_that_names_them_then_by_how_many_do()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        // Three scripts name a gone place; the activation scripts (higher priority) name the environment itself.
        var gone = tmp.Combine("gone");
        foreach (var name in new[] { "a", "b", "c" }) Venvs.WriteConsoleScript(env, name, Path.Combine(gone, "bin", "python"));
        var ranked = RecordedLocations.Find(EnvironmentFactsReader.Read(env), _ => false);

        Assert.Equal([env, gone], ranked.Select(l => l.Location));
        Assert.Equal(3, ranked[1].Evidence.Count);
        Assert.All(ranked[1].Evidence, e => Assert.Equal(RecordKind.Shebang, e.Kind));
    }
}
