using System.Text.Json;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Tests.Watching;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>
/// <c>repair PATH PATH... --action relink-base --base PY</c> on venvs made by a real pyenv install copied to a temp
/// folder and then deleted (what <c>pyenv uninstall</c> does): every venv relinked to the real install of the same
/// minor, each with its own journal and undo, one line each, and a target that cannot be repaired reported without
/// touching the others' results.
/// </summary>
public sealed class FleetRepairCliTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(180);

    /// <summary>Two or more venvs made on a private copy of <paramref name="real"/>, then the copy deleted.</summary>
    private static IReadOnlyList<string> VenvsOnRemovedBase(TempDir tmp, PythonInstall real, params string[] names)
    {
        var (prefix, copy) = PrivateBases.Copy(real, tmp.Combine("bases"));
        var venvs = names.Select(n => Venvs.Create(copy, tmp.Combine("projects", n, ".venv"))).ToList();
        Directory.Delete(prefix, recursive: true);
        return venvs;
    }

    private static Task<CliResult> Cli(TempDir tmp, params string[] args) =>
        SidecarProcess.RunCliAsync(args, Slow, environment: new Dictionary<string, string?> { ["VENV_DOCTOR_STATE_DIR"] = tmp.Combine("state") });

    private static string BasePrefixOf(string venv) =>
        Run.Checked(Path.Combine(venv, "bin", "python"), "-c", "import sys; print(sys.base_prefix)").StdOut.Trim();

    [PyenvFact]
    public async Task Relinks_every_venv_of_a_removed_base_and_a_failing_target_leaves_the_others_repaired()
    {
        var real = PyenvFactAttribute.Newest(1)[0];
        var realPrefix = Path.GetDirectoryName(Path.GetDirectoryName(real.Executable))!;
        using var tmp = new TempDir();
        var venvs = VenvsOnRemovedBase(tmp, real, "api", "web", "jobs");
        var notAnEnvironment = tmp.Combine("projects", "docs");
        Directory.CreateDirectory(notAnEnvironment);
        Assert.True(Core.Anatomy.PathResolver.RealPath(Path.Combine(venvs[0], "bin", "python")) is null, "bin/python dangles once the base copy is gone");

        var run = await Cli(tmp, "repair", venvs[0], notAnEnvironment, venvs[1], venvs[2], "--action", "relink-base", "--base", real.Executable);

        Assert.True(run.ExitCode == 1, $"one target failed, so exit 1; got {run.ExitCode}: {run.StdOut}{run.StdErr}");
        var lines = run.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith($"repaired    {venvs[0]}: ", lines[0]);
        Assert.StartsWith($"failed      {notAnEnvironment}: ", lines[1]);
        Assert.Contains("not a Python environment", lines[1]);
        Assert.StartsWith($"repaired    {venvs[1]}: ", lines[2]);
        Assert.StartsWith($"repaired    {venvs[2]}: ", lines[3]);
        Assert.Equal("3 of 4 environment(s) repaired.", lines[4]);
        foreach (var venv in venvs)
        {
            Assert.Contains($"now ok; undo: venv-sidecar undo {venv}", run.StdOut);
            Assert.Equal(realPrefix, BasePrefixOf(venv));
        }

        // Each journaled on its own: undoing one leaves the others relinked.
        var undo = await Cli(tmp, "undo", venvs[1]);
        Assert.True(undo.ExitCode == 0, undo.StdErr);
        Assert.True(Core.Anatomy.PathResolver.RealPath(Path.Combine(venvs[1], "bin", "python")) is null, "the undone venv points at the removed copy again");
        Assert.Equal(realPrefix, BasePrefixOf(venvs[0]));
        Assert.Equal(realPrefix, BasePrefixOf(venvs[2]));
    }

    [PyenvFact]
    public async Task All_repaired_is_exit_0_and_json_gives_one_entry_per_environment_in_order()
    {
        var real = PyenvFactAttribute.Newest(1)[0];
        using var tmp = new TempDir();
        var venvs = VenvsOnRemovedBase(tmp, real, "b", "a");

        var run = await Cli(tmp, "repair", venvs[0], venvs[1], "--action", "relink-base", "--base", real.Executable, "--json");

        Assert.True(run.ExitCode == 0, $"exited {run.ExitCode}: {run.StdErr}");
        using var doc = JsonDocument.Parse(run.StdOut);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(venvs, results.Select(r => r.GetProperty("path").GetString()));
        Assert.All(results, r =>
        {
            Assert.Equal("repaired", r.GetProperty("outcome").GetString());
            Assert.Equal(JsonValueKind.Null, r.GetProperty("error").ValueKind);
            Assert.Equal("relink-base", r.GetProperty("result").GetProperty("action").GetString());
            Assert.Equal("ok", r.GetProperty("result").GetProperty("diagnosis").GetProperty("health").GetString());
            Assert.NotEqual(JsonValueKind.Null, r.GetProperty("result").GetProperty("journalId").ValueKind);
        });
    }

    [Fact]
    public async Task Options_that_name_one_environments_places_are_refused_with_several_paths()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("a"));
        Directory.CreateDirectory(tmp.Combine("b"));
        var run = await Cli(tmp, "repair", tmp.Combine("a"), tmp.Combine("b"), "--action", "relocate", "--from", "/old");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("venv-sidecar repair: --from, --source and --workspace-folder name one environment's places: give one PATH with them", run.StdErr.Trim());
        Assert.Equal("", run.StdOut);
    }
}
