using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Tests.Diagnosis;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Native;

/// <summary>
/// reinstall-binaries with the environment's real pip: a distribution whose wheel carried a module built for Python
/// 3.11 is installed into a 3.12 venv (pip accepts it: the wheel says py3-none-any), diagnosed, and reinstalled from a
/// fixed wheel of the same version in a local find-links folder (no index here, as a user's pip.conf would say).
/// The module then imports, and the environment is healthy again.
/// </summary>
public sealed class ReinstallBinariesTests
{
    [NativeFact("3.11")]
    public async Task A_module_built_for_another_Python_is_reinstalled_with_the_environments_pip_and_then_imports()
    {
        using var f = WrongTagWheel.Installed();
        var python = Path.Combine(f.Env, "bin", "python");
        Assert.Contains("No module named 'vdnative._speed'", Run.Process(python, ["-c", "import vdnative._speed"]).StdErr);
        var before = DiagnosisTestKit.Diagnose(f.Env);
        Assert.Equal("vdnative", before.Single(FindingCodes.ExtensionAbiMismatch).Data["distribution"]);
        var suggestion = Assert.Single(before.Suggestions, s => s.Action == RepairActions.ReinstallBinaries);
        WrongTagWheel.PublishFixed(f);
        var action = new ReinstallBinariesAction(f.PipConfig);
        var request = new RepairRequest(f.Env) { Distribution = suggestion.Data["distribution"] };
        var snapshot = TreeSnapshot.Of(f.Env, includeJournal: true);

        var plan = action.Plan(request, CancellationToken.None);

        var run = Assert.Single(plan.Edits);
        Assert.Equal(EditOperation.RunProgram, run.Operation);
        Assert.Equal($"{python} -m pip install --force-reinstall --no-deps --disable-pip-version-check --no-input -- vdnative==1.0", run.After);
        snapshot.AssertSameAs(TreeSnapshot.Of(f.Env, includeJournal: true), "planning changes nothing");

        var steps = new List<string>();
        var (_, applied, _) = await action.RunAsync(request, new InlineProgress(p => steps.Add(p.Message)), CancellationToken.None);

        Assert.Equal(1, applied.EditsApplied);
        Assert.Contains("done", steps);
        var import = Run.Process(python, ["-c", "import vdnative._speed; print('ok')"]);
        Assert.True(import.ExitCode == 0, import.StdErr);
        DiagnosisTestKit.AssertHealthy(DiagnosisTestKit.Diagnose(f.Env));
    }

    [NativeFact("3.11")]
    public async Task Names_that_are_not_distribution_names_never_reach_pip_and_a_failed_pip_changes_nothing()
    {
        using var f = WrongTagWheel.Installed();
        var action = new ReinstallBinariesAction(f.PipConfig);

        var hostile = action.Plan(new RepairRequest(f.Env) { Distribution = "--index-url=http://evil.example/, ;rm -rf ~, vdnative" }, CancellationToken.None);

        Assert.Contains(hostile.Notes, n => n.StartsWith("skipped '--index-url=http://evil.example/'"));
        Assert.Contains(hostile.Notes, n => n.StartsWith("skipped ';rm -rf ~'"));
        Assert.EndsWith("-- vdnative==1.0", Assert.Single(hostile.Edits).After);

        // The wheel folder is empty: pip fails before touching anything.
        foreach (var w in Directory.EnumerateFiles(f.Wheels)) File.Delete(w);
        var snapshot = TreeSnapshot.Of(f.Env, includeJournal: true);
        var error = await Assert.ThrowsAsync<RepairException>(() => action.RunAsync(new RepairRequest(f.Env) { Distribution = "vdnative" }, null, CancellationToken.None));
        Assert.Contains("pip could not reinstall", error.Message);
        snapshot.AssertSameAs(TreeSnapshot.Of(f.Env, includeJournal: true), "a failed reinstall leaves the environment as it was");
    }

    private sealed class InlineProgress(Action<RepairProgress> on) : IProgress<RepairProgress>
    {
        public void Report(RepairProgress value) => on(value);
    }
}
