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
    [Fact]
    public void A_recreate_still_being_built_is_left_alone_and_rolled_back_once_its_builder_is_gone()
    {
        using var tmp = new TempDir();
        var env = tmp.Combine("env");
        Directory.CreateDirectory(env);
        File.WriteAllText(Path.Combine(env, "marker"), "old");
        var id = RepairJournal.NewId();
        var aside = FolderSwap.AsideFor(env, id);

        var building = FolderSwap.MoveAside(env, aside, id);
        Directory.CreateDirectory(env);
        File.WriteAllText(Path.Combine(env, "marker"), "new, being built");

        Assert.DoesNotContain(new JournalRecovery().RecoverEnvironment(env), r => r.JournalId == id);
        Assert.Equal("new, being built", File.ReadAllText(Path.Combine(env, "marker")));
        Assert.True(Directory.Exists(aside), "the kept environment was moved back under a live build");

        building.Dispose(); // the builder is gone without committing: what a killed process leaves
        Assert.Contains(new JournalRecovery().RecoverEnvironment(env), r => r.JournalId == id && r.Outcome == "rolled-back");
        Assert.Equal("old", File.ReadAllText(Path.Combine(env, "marker")));
        Assert.False(Directory.Exists(aside));
    }

    [Fact]
    public void A_journal_claimed_elsewhere_cannot_be_claimed_again_until_it_is_let_go()
    {
        var id = RepairJournal.NewId();
        using (PendingJournals.ClaimFor(id))
        {
            Assert.Null(PendingJournals.TryClaim(id));
            Assert.Throws<RepairException>(() => PendingJournals.ClaimFor(id));
        }
        using var again = PendingJournals.TryClaim(id);
        Assert.NotNull(again);
    }
}
