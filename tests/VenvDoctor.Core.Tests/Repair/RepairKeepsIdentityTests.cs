using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Machine;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// The diagnosis a repair returns names the environment as discovery does: the kind the locators give (conda before
/// pyvenv.cfg) and the manager of the tool folder it lives in. Real venvs, moved, then relocated through the service.
/// </summary>
public sealed class RepairKeepsIdentityTests
{
    private static RepairService Service(MachineLocations machine, out IEnvironmentDiscovery discovery)
    {
        discovery = new EnvironmentDiscovery(PhysicalFileSystem.Instance, machine, keepListings: false);
        return new ServiceCollection().AddSingleton(discovery).AddRepair(new JournalStoreOptions(new TestJournals().Store.Root)).BuildServiceProvider().GetRequiredService<RepairService>();
    }

    private static MachineLocations Machine(TempDir tmp, string workon) =>
        MachineLocations.FromEnvironment(n => n switch
        {
            "HOME" => tmp.Combine("home"),
            "WORKON_HOME" => workon,
            "XDG_DATA_HOME" => tmp.Combine("data"),
            "XDG_CACHE_HOME" => tmp.Combine("cache"),
            "PYENV_ROOT" => tmp.Combine("pyenv"),
            _ => null,
        });

    private static string MovedVenv(string made, string now)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(made)!);
        Venvs.Create(Pythons.Any!, made);
        Directory.Move(made, now);
        return now;
    }

    [PythonFact]
    public async Task A_conda_prefix_with_a_pyvenv_cfg_stays_conda_after_a_repair()
    {
        using var tmp = new TempDir();
        var env = MovedVenv(tmp.Combine("ws", "made"), tmp.Combine("ws", "env"));
        Directory.CreateDirectory(Path.Combine(env, "conda-meta"));
        var service = Service(Machine(tmp, tmp.Combine("workon")), out var discovery);
        var listed = discovery.Identify(env)!;
        Assert.Equal(EnvironmentKind.Conda, listed.Kind);

        var outcome = await service.ApplyAsync(new RepairRequest(env) { Action = RepairActions.Relocate }, null, CancellationToken.None);

        Assert.True(outcome.Applied.EditsApplied > 0, "the relocate rewrote the recorded paths");
        Assert.Equal(listed.Kind, outcome.Diagnosis.Kind);
        Assert.Equal(listed.Manager, outcome.Diagnosis.Manager);
        Assert.Equal("workspace", outcome.Diagnosis.Manager);
    }

    [PythonFact]
    public async Task A_virtualenvwrapper_venv_keeps_its_manager_after_a_repair()
    {
        using var tmp = new TempDir();
        var workon = tmp.Combine("workon");
        var env = MovedVenv(Path.Combine(workon, "before"), Path.Combine(workon, "proj"));
        var service = Service(Machine(tmp, workon), out var discovery);
        var listed = discovery.Identify(env)!;
        Assert.Equal("virtualenvwrapper", listed.Manager);

        var outcome = await service.ApplyAsync(new RepairRequest(env) { Action = RepairActions.Relocate }, null, CancellationToken.None);

        Assert.True(outcome.Applied.EditsApplied > 0, "the relocate rewrote the recorded paths");
        Assert.Equal(EnvironmentKind.Venv, outcome.Diagnosis.Kind);
        Assert.Equal("virtualenvwrapper", outcome.Diagnosis.Manager);
        Assert.DoesNotContain(outcome.Diagnosis.Findings, f => f.Code == FindingCodes.Moved);

        var undone = service.Undo(env, null, null, CancellationToken.None);
        Assert.Equal("virtualenvwrapper", undone.Diagnosis.Manager);
    }
}
