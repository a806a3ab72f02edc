using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// The journal store is state injected where it is used: each instance keeps to its own folder, creates it only
/// when something is written, and creates it private.
/// </summary>
public sealed class JournalStoreTests
{
    private static JournalStore StoreIn(TempDir tmp) => new(new JournalStoreOptions(tmp.Combine("state", "venv-doctor")));

    [Fact]
    public void Reading_creates_nothing_and_the_first_write_creates_the_folders_private()
    {
        using var tmp = new TempDir();
        var store = StoreIn(tmp);
        var env = tmp.Combine("env");
        Directory.CreateDirectory(env);
        var id = RepairJournal.NewId();

        Assert.Empty(new JournalRecovery(store).RecoverEnvironment(env));
        Assert.Empty(store.Pending.List());
        Assert.False(store.Registry.IsListed(id));
        store.Pending.Remove(id);
        store.Registry.Forget(id);
        Assert.False(Directory.Exists(tmp.Combine("state")), "a read made the state folder");

        store.Registry.RecordBegun(id);

        Assert.True(store.Registry.IsListed(id));
        Assert.Equal(["journals"], Directory.GetFileSystemEntries(store.Root).Select(Path.GetFileName));
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(store.Root));
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(Path.Combine(store.Root, "journals")));
    }

    [Fact]
    public void A_state_folder_that_is_a_symlink_is_refused_at_the_first_write()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("elsewhere"));
        Directory.CreateDirectory(tmp.Combine("state"));
        Directory.CreateSymbolicLink(tmp.Combine("state", "venv-doctor"), tmp.Combine("elsewhere"));
        var store = StoreIn(tmp);

        var e = Assert.Throws<RepairException>(() => store.Registry.RecordBegun(RepairJournal.NewId()));

        Assert.Contains("is a symlink", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(tmp.Combine("elsewhere")));
    }

    [Fact]
    public void The_state_folder_is_the_variable_else_xdg_state_home_else_under_home()
    {
        Assert.Equal("/s/own", JournalStoreOptions.ForUser("/s/own", "/x", "/h").StateFolder);
        Assert.Equal("/x/venv-doctor", JournalStoreOptions.ForUser("", "/x", "/h").StateFolder);
        Assert.Equal("/h/.local/state/venv-doctor", JournalStoreOptions.ForUser(null, null, "/h").StateFolder);
    }

    [Fact]
    public void A_journal_written_through_one_store_is_not_trusted_by_another()
    {
        using var tmp = new TempDir();
        var env = tmp.Combine("env");
        Directory.CreateDirectory(env);
        var file = Path.Combine(env, "file.txt");
        File.WriteAllText(file, "old");
        var plan = new RepairPlan(env, "test", "one edit", [new FileEdit(EditOperation.WriteFile, file, "rewrite") { NewContent = "new"u8.ToArray() }], []);
        var mine = new TestJournals();
        var other = new TestJournals();

        mine.Engine().Apply(plan, null, CancellationToken.None);
        var recovered = other.Recovery().RecoverEnvironment(env);

        Assert.Contains(recovered, r => r.Outcome == RecoveredJournal.NotReplayed);
        Assert.Null(other.Engine().Undo(env));
        Assert.Equal("new", File.ReadAllText(file));
        Assert.NotNull(mine.Engine().Undo(env));
        Assert.Equal("old", File.ReadAllText(file));
    }
}
