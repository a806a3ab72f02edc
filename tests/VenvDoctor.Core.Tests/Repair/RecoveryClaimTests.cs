using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// Recovery runs before each repair or undo of an environment. It must settle what a killed process left,
/// and never what a live one is still doing: a repair holds a claim on its journal until it settles.
/// </summary>
public class RecoveryClaimTests
{
    private readonly TestJournals journals = new();

    [Fact]
    public async Task A_recreate_still_being_built_is_left_alone_and_rolled_back_once_its_builder_is_gone()
    {
        using var tmp = new TempDir();
        var (env, id, aside, plan) = SwapOfOneMarker(tmp);
        // The builder stops dead once the new one is built (what a kill there leaves), nothing committed.
        var engine = journals.Engine(new StopAt("apply", 2));

        await Assert.ThrowsAsync<RepairStoppedDeadException>(() => engine.ApplyFolderSwapAsync(plan, id, _ =>
        {
            Directory.CreateDirectory(env);
            File.WriteAllText(Path.Combine(env, "marker"), "new, being built");
            // Recovery in the middle of a live build (another process's repair) must not touch it.
            Assert.DoesNotContain(journals.Recovery().RecoverEnvironment(env), r => r.JournalId == id);
            Assert.Equal("new, being built", File.ReadAllText(Path.Combine(env, "marker")));
            Assert.True(Directory.Exists(aside), "the kept environment was moved back under a live build");
            return Task.CompletedTask;
        }, CancellationToken.None));

        Assert.Contains(journals.Recovery().RecoverEnvironment(env), r => r.JournalId == id && r.Outcome == "rolled-back");
        Assert.Equal("old", File.ReadAllText(Path.Combine(env, "marker")));
        Assert.False(Directory.Exists(aside));
        AssertOnlyTheOldEnvironment(tmp, env);
    }

    [Fact]
    public async Task A_recreate_killed_after_its_commit_mark_stands_and_undo_puts_the_old_folder_back()
    {
        using var tmp = new TempDir();
        var (env, id, aside, plan) = SwapOfOneMarker(tmp);

        var stopping = journals.Engine(new StopAt("apply", 3));
        await Assert.ThrowsAsync<RepairStoppedDeadException>(() => stopping.ApplyFolderSwapAsync(plan, id, _ =>
        {
            Directory.CreateDirectory(env);
            File.WriteAllText(Path.Combine(env, "marker"), "new");
            return Task.CompletedTask;
        }, CancellationToken.None));

        Assert.Empty(journals.Recovery().RecoverEnvironment(env));
        Assert.Equal("new", File.ReadAllText(Path.Combine(env, "marker")));
        var undone = journals.Engine().Undo(env);
        Assert.Equal(id, undone!.JournalId);
        Assert.Equal("old", File.ReadAllText(Path.Combine(env, "marker")));
        AssertOnlyTheOldEnvironment(tmp, env);
    }

    /// <summary>An environment holding one file, <c>marker</c> = "old", and the engine's plan to swap it.</summary>
    private static (string Env, string Id, string Aside, RepairPlan Plan) SwapOfOneMarker(TempDir tmp)
    {
        var env = tmp.Combine("env");
        Directory.CreateDirectory(env);
        File.WriteAllText(Path.Combine(env, "marker"), "old");
        var id = RepairJournal.NewId();
        var aside = FolderSwap.AsideFor(env, id);
        return (env, id, aside, new RepairPlan(env, "recreate", "recreate", [new FileEdit(EditOperation.RenameFolder, env, "keep aside") { Before = env, After = aside }], []));
    }

    private static void AssertOnlyTheOldEnvironment(TempDir tmp, string env)
    {
        Assert.Equal("old", File.ReadAllText(Path.Combine(env, "marker")));
        Assert.Equal(["env"], Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName));
        Assert.Equal(["marker"], Directory.GetFileSystemEntries(env).Select(Path.GetFileName));
    }

    /// <summary>A committed recreate journal as this tool wrote it, with the given manifest text (listed in the registry).</summary>
    private (string Env, string Kept) CommittedSwapJournal(TempDir tmp, Func<string, string, string> manifest)
    {
        var env = tmp.Combine("env");
        var id = RepairJournal.NewId();
        var kept = FolderSwap.AsideFor(env, id);
        Directory.CreateDirectory(kept);
        File.WriteAllText(Path.Combine(kept, "marker"), "old");
        var folder = Path.Combine(RepairJournal.JournalsFolder(env), id);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(env, "marker"), "new");
        var bytes = System.Text.Encoding.UTF8.GetBytes(manifest(id, kept));
        File.WriteAllBytes(Path.Combine(folder, RepairJournal.ManifestName), bytes);
        File.WriteAllText(Path.Combine(folder, RepairJournal.CommittedMarker), "now");
        journals.Store.Registry.RecordManifest(id, bytes);
        return (env, kept);
    }

    [Fact]
    public void A_format_1_recreate_journal_is_undone_by_the_folder_entry_code()
    {
        using var tmp = new TempDir();
        var (env, kept) = CommittedSwapJournal(tmp, (id, aside) =>
            $$"""{"formatVersion":1,"id":"{{id}}","action":"recreate","title":"t","environmentPath":"{{tmp.Combine("env")}}","entries":[],"createdFolders":[],"aside":"{{aside}}"}""");

        var undone = journals.Engine().Undo(env);

        Assert.Equal("recreate", undone!.Action);
        Assert.Equal("old", File.ReadAllText(Path.Combine(env, "marker")));
        Assert.Equal(["marker"], Directory.GetFileSystemEntries(env).Select(Path.GetFileName));
        Assert.False(Directory.Exists(kept));
    }

    [Fact]
    public void A_folder_entry_naming_anything_but_the_environments_own_sibling_is_not_replayed()
    {
        using var tmp = new TempDir();
        var elsewhere = tmp.Combine("someone else");
        Directory.CreateDirectory(elsewhere);
        var (env, kept) = CommittedSwapJournal(tmp, (id, _) =>
            $$"""{"formatVersion":2,"id":"{{id}}","action":"recreate","title":"t","environmentPath":"{{tmp.Combine("env")}}","entries":[{"path":"{{elsewhere}}","operation":"rename-folder","before":"folder"}]}""");

        var recovered = journals.Recovery().RecoverEnvironment(env);
        Assert.Null(journals.Engine().Undo(env));

        Assert.Contains(recovered, r => r.Outcome == RecoveredJournal.NotReplayed && r.Reason!.Contains("not this environment's own aside folder"));
        Assert.Equal("new", File.ReadAllText(Path.Combine(env, "marker")));
        Assert.True(Directory.Exists(elsewhere) && Directory.Exists(kept));
    }

    [Fact]
    public void A_journal_claimed_elsewhere_cannot_be_claimed_again_until_it_is_let_go()
    {
        var id = RepairJournal.NewId();
        using (journals.Store.Pending.ClaimFor(id))
        {
            Assert.Null(journals.Store.Pending.TryClaim(id));
            Assert.Throws<RepairException>(() => journals.Store.Pending.ClaimFor(id));
        }
        using var again = journals.Store.Pending.TryClaim(id);
        Assert.NotNull(again);
    }
}
