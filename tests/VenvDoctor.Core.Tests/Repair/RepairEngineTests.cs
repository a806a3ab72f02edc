using System.Text;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>The journaled engine on a real venv: apply, undo byte for byte, rollback, scope, and a stop at every write.</summary>
public sealed class RepairEngineTests
{
    private readonly TestJournals journals = new();

    private static RepairPlan MixedPlan(string env)
    {
        var activate = Path.Combine(env, "bin", "activate");
        var text = File.ReadAllText(activate);
        return new RepairPlan(env, "test", "mixed edits", [
            new FileEdit(EditOperation.WriteFile, activate, "rewrite activate") { NewContent = Encoding.UTF8.GetBytes(text.Replace("VIRTUAL_ENV", "VIRTUAL_ENV_X")) },
            new FileEdit(EditOperation.ReplaceLink, Path.Combine(env, "lib64"), "re-point lib64") { NewLinkTarget = "lib/../lib" },
            new FileEdit(EditOperation.CreateFile, Path.Combine(env, "new-folder", "created.txt"), "create") { NewContent = "hi\n"u8.ToArray(), Mode = (UnixFileMode)0b111_000_000 },
            new FileEdit(EditOperation.CreateLink, Path.Combine(env, "bin", "py-extra"), "link") { NewLinkTarget = "python" },
            new FileEdit(EditOperation.DeleteFile, Path.Combine(env, "bin", "activate.fish"), "delete"),
        ], []);
    }

    [PythonFact]
    public void Apply_then_undo_restores_the_environment_byte_for_byte()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("my env"));
        File.SetUnixFileMode(Path.Combine(env, "bin", "activate"), (UnixFileMode)0b110_100_000); // an unusual mode must survive
        var before = TreeSnapshot.Of(env, includeJournal: true);
        var engine = journals.Engine();

        var result = engine.Apply(MixedPlan(env), null, CancellationToken.None);

        Assert.Equal(5, result.EditsApplied);
        Assert.Contains("VIRTUAL_ENV_X", File.ReadAllText(Path.Combine(env, "bin", "activate")));
        Assert.Equal((UnixFileMode)0b110_100_000, File.GetUnixFileMode(Path.Combine(env, "bin", "activate")));
        Assert.Equal("lib/../lib", new FileInfo(Path.Combine(env, "lib64")).LinkTarget);
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(Path.Combine(env, "new-folder", "created.txt")));
        Assert.False(File.Exists(Path.Combine(env, "bin", "activate.fish")));

        var undone = engine.Undo(env);

        Assert.NotNull(undone);
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(before, "undo must restore every byte, mode and link, and leave no journal");
        Assert.Null(engine.Undo(env));
    }

    [PythonFact]
    public void Cancelling_mid_apply_rolls_back_everything_already_written()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var before = TreeSnapshot.Of(env, includeJournal: true);
        using var cts = new CancellationTokenSource();
        var reports = 0;
        // The first progress report comes after the first edit is written: cancel there.
        var progress = new SyncProgress(_ => { reports++; cts.Cancel(); });

        Assert.ThrowsAny<OperationCanceledException>(() => journals.Engine().Apply(MixedPlan(env), progress, cts.Token));

        Assert.Equal(1, reports);
        TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(before, "a cancelled apply leaves the old state and no journal");
    }

    [PythonFact]
    public void The_engine_refuses_any_write_outside_the_environment()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var outside = tmp.Combine("outside.txt");
        File.WriteAllText(outside, "keep");
        Directory.CreateSymbolicLink(Path.Combine(env, "escape"), tmp.Path);
        var engine = journals.Engine();
        var content = "changed"u8.ToArray();

        foreach (var path in new[] { outside, Path.Combine(env, "..", "outside.txt"), Path.Combine(env, "escape", "outside.txt"), Path.Combine(env, ".venv-doctor", "x") })
        {
            var plan = new RepairPlan(env, "test", "escape", [new FileEdit(EditOperation.WriteFile, path, "x") { NewContent = content }], []);
            var e = Assert.Throws<RepairException>(() => engine.Apply(plan, null, CancellationToken.None));
            Assert.Contains("Refusing", e.Message);
        }
        Assert.Equal("keep", File.ReadAllText(outside));
        Assert.Throws<RepairException>(() => new RepairPlan(env, "t", "t", [], []) { SettingsFile = Path.Combine(tmp.Path, "notes.json") } is var p
            ? engine.Apply(p, null, CancellationToken.None) : null);
    }

    [PythonFact]
    public void Stopped_dead_after_any_write_then_recovered_the_environment_is_old_or_new()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var old = TreeSnapshot.Of(env, includeJournal: true);
        var count = MixedPlan(env).Edits.Count;
        var engine = journals.Engine();
        engine.Apply(MixedPlan(env), null, CancellationToken.None);
        var @new = TreeSnapshot.Of(env);
        engine.Undo(env);

        for (var n = 0; n <= count + 1; n++)
        {
            var stopping = journals.Engine(new StopAt("apply", n));
            Assert.Throws<RepairStoppedDeadException>(() => stopping.Apply(MixedPlan(env), null, CancellationToken.None));

            var recovered = journals.Recovery().RecoverEnvironment(env);

            var now = TreeSnapshot.Of(env);
            if (n <= count)
            {
                now.AssertSameAs(old, $"stopped after write {n} of {count}: rolled back");
                Assert.Contains(recovered, r => r.Outcome == "rolled-back");
                TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(old, "no journal left behind");
            }
            else
            {
                now.AssertSameAs(@new, "stopped after the commit mark: the new state stays");
                // Stop during the undo, at every restore, too: recovery finishes the undo.
                var undoStops = Math.Min(n, count);
                Assert.Throws<RepairStoppedDeadException>(() => journals.Engine(new StopAt("undo", undoStops)).Undo(env));
                var finished = journals.Recovery().RecoverEnvironment(env);
                Assert.Contains(finished, r => r.Outcome == "undo-finished");
                TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(old, "an interrupted undo is finished");
            }
        }
    }

    [PythonFact]
    public void Every_stop_during_undo_is_finished_by_recovery()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var old = TreeSnapshot.Of(env, includeJournal: true);
        var count = MixedPlan(env).Edits.Count;
        for (var n = 0; n <= count; n++)
        {
            journals.Engine().Apply(MixedPlan(env), null, CancellationToken.None);
            Assert.Throws<RepairStoppedDeadException>(() => journals.Engine(new StopAt("undo", n)).Undo(env));
            journals.Recovery().RecoverEnvironment(env);
            TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(old, $"undo stopped after restore {n}, then recovered");
        }
    }

    [PythonFact]
    public void A_big_plan_written_in_parallel_stopped_midway_is_rolled_back()
    {
        using var tmp = new TempDir();
        var env = Venvs.Create(Pythons.Any!, tmp.Combine("env"));
        var edits = new List<FileEdit>();
        for (var i = 0; i < 300; i++)
        {
            var script = Venvs.WriteConsoleScript(env, $"tool{i}", Path.Combine(env, "bin", "python"));
            edits.Add(new FileEdit(EditOperation.WriteFile, script, "rewrite") { NewContent = Encoding.UTF8.GetBytes($"#!/bin/true\n# {i}\n") });
        }
        var plan = new RepairPlan(env, "test", "many edits", edits, []);
        var old = TreeSnapshot.Of(env, includeJournal: true);

        foreach (var n in new[] { 1, 150, 299, 300 })
        {
            Assert.Throws<RepairStoppedDeadException>(() => journals.Engine(new StopAt("apply", n)).Apply(plan, null, CancellationToken.None));
            journals.Recovery().RecoverEnvironment(env);
            TreeSnapshot.Of(env, includeJournal: true).AssertSameAs(old, $"parallel apply stopped after write {n}: rolled back");
        }
        journals.Engine().Apply(plan, null, CancellationToken.None);
        Assert.All(edits, e => Assert.StartsWith("#!/bin/true", File.ReadAllText(e.Path)));
        Assert.All(edits, e => Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(e.Path)));
    }

    /// <summary>Progress<T> posts to the thread pool; tests need the callback inline.</summary>
    private sealed class SyncProgress(Action<RepairProgress> on) : IProgress<RepairProgress>
    {
        public void Report(RepairProgress value) => on(value);
    }
}
