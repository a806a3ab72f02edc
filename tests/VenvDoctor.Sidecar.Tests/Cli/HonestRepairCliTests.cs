using System.Text.Json;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>
/// The real CLI and serve process say what a repair left as it was, and "ok" only when a fresh diagnosis agrees;
/// <c>repair --action restore-interpreter-links</c> puts back a deleted bin/python.
/// </summary>
public sealed class HonestRepairCliTests
{
    private static Dictionary<string, string?> State(TempDir tmp) => new() { ["VENV_DOCTOR_STATE_DIR"] = tmp.Combine("state") };

    /// <summary>A moved real venv whose bin/activate is a link to a script outside it (still naming the old place).</summary>
    private static (string Env, string Original, string Shared) MovedWithLinkedActivate(TempDir tmp)
    {
        var original = Venvs.Create(Pythons.Any!, tmp.Combine("first", "env"));
        Venvs.WriteConsoleScript(original, "tool", Path.Combine(original, "bin", "python"));
        var env = tmp.Combine("moved", "env");
        Directory.CreateDirectory(Path.GetDirectoryName(env)!);
        Directory.Move(original, env);
        var shared = tmp.Combine("shared-activate");
        File.Move(Path.Combine(env, "bin", "activate"), shared);
        File.CreateSymbolicLink(Path.Combine(env, "bin", "activate"), shared);
        return (env, original, shared);
    }

    [PythonFact]
    public async Task Repair_lists_the_files_it_left_and_does_not_say_ok_while_one_names_the_old_place()
    {
        using var tmp = new TempDir();
        var (env, original, shared) = MovedWithLinkedActivate(tmp);
        var sharedBefore = File.ReadAllText(shared);

        var dry = await SidecarProcess.RunCliAsync(["repair", env, "--dry-run", "--json"], environment: State(tmp));
        Assert.True(dry.ExitCode == 0, dry.StdErr);
        var left = Assert.Single(JsonDocument.Parse(dry.StdOut).RootElement.GetProperty("left").EnumerateArray());
        Assert.Equal(Path.Combine(env, "bin", "activate"), left.GetProperty("file").GetString());

        var repair = await SidecarProcess.RunCliAsync(["repair", env], environment: State(tmp));

        Assert.True(repair.ExitCode == 1, $"repair exited {repair.ExitCode}: {repair.StdOut}{repair.StdErr}");
        Assert.Contains($"Left as it was (1 file):\n  {Path.Combine(env, "bin", "activate")}: a symlink to {shared}", repair.StdOut);
        Assert.DoesNotContain("Now: ok", repair.StdOut);
        Assert.Contains("Now: broken", repair.StdOut);
        Assert.Contains($"moved: This environment was moved from {original}", repair.StdOut);
        Assert.Equal(sharedBefore, File.ReadAllText(shared));
        Assert.Equal(0, Proofs.Exec(Path.Combine(env, "bin", "tool")).ExitCode); // what could be rewritten was
    }

    [PythonFact(Timeout = 120_000)]
    public async Task The_apply_result_carries_left_and_a_fresh_diagnosis()
    {
        using var tmp = new TempDir();
        var (env, original, _) = MovedWithLinkedActivate(tmp);
        await using var sidecar = await SidecarProcess.StartAsync(environment: State(tmp));
        await sidecar.InitializeAsync([tmp.Path]);

        var applied = await sidecar.RequestAsync("venv/applyRepair", new { path = env, action = "relocate" }, TimeSpan.FromSeconds(60));

        var left = Assert.Single(applied.GetProperty("left").EnumerateArray());
        Assert.Equal(Path.Combine(env, "bin", "activate"), left.GetProperty("file").GetString());
        Assert.Contains("never written through", left.GetProperty("reason").GetString());
        Assert.Single(applied.GetProperty("plan").GetProperty("left").EnumerateArray());
        Assert.Equal("broken", applied.GetProperty("diagnosis").GetProperty("health").GetString());
        Assert.Contains(applied.GetProperty("diagnosis").GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("code").GetString() == "moved" && f.GetProperty("data").GetProperty("recordedPath").GetString() == original);
    }

    [PythonFact]
    public async Task Repair_action_restore_interpreter_links_puts_back_a_deleted_bin_python_and_undo_removes_it()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var python = Path.Combine(env, "bin", "python");
        var target = new FileInfo(python).LinkTarget;
        File.Delete(python);
        var deleted = TreeSnapshot.Of(env, includeJournal: true);

        var scan = await SidecarProcess.RunCliAsync(["scan", "--json", env], environment: State(tmp));
        var found = JsonDocument.Parse(scan.StdOut).RootElement.GetProperty("environments")[0];
        Assert.Equal("broken", found.GetProperty("health").GetString());
        Assert.Equal("interpreter-link-missing", found.GetProperty("findings")[0].GetProperty("code").GetString());
        Assert.Equal("restore-interpreter-links", found.GetProperty("suggestions")[0].GetProperty("action").GetString());

        var repair = await SidecarProcess.RunCliAsync(["repair", "--action", "restore-interpreter-links", env], environment: State(tmp));

        Assert.True(repair.ExitCode == 0, $"repair exited {repair.ExitCode}: {repair.StdOut}{repair.StdErr}");
        Assert.Contains("Now: ok", repair.StdOut);
        Assert.Equal(target, new FileInfo(python).LinkTarget);
        Proofs.PythonRunsIn(env);

        var undo = await SidecarProcess.RunCliAsync(["undo", env], environment: State(tmp));
        Assert.True(undo.ExitCode == 0, undo.StdOut + undo.StdErr);
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(deleted, "undo removes the link it made");
    }
}
