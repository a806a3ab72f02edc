using System.Net.Sockets;
using VenvDoctor.Core.Discovery.Walking;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Discovery;

public class WorkspaceWalkerTests
{
    [PythonFact]
    public void Finds_real_venvs_at_every_depth_and_none_inside_pruned_folders_or_environments()
    {
        using var tmp = new TempDir();
        var expected = new List<string>();
        var deep = tmp.Path;
        for (var depth = 1; depth <= 5; depth++)
        {
            deep = Path.Combine(deep, $"level{depth}");
            expected.Add(Layouts.RealVenv(Path.Combine(deep, ".venv")));
        }
        Layouts.Uv(tmp.Combine("node_modules", "pkg", "venv"));
        Layouts.Uv(tmp.Combine(".git", "venv"));
        Layouts.Uv(tmp.Combine("a", "__pycache__", "venv"));
        // Nested inside an environment: never looked at.
        Layouts.Uv(tmp.Combine("level1", ".venv", "lib", "nested"));

        var result = Walk.Run(tmp.Path);

        Assert.Equal(expected.Order(StringComparer.Ordinal), result.Paths);
        Assert.All(result.Found, f => Assert.Equal(EnvironmentKind.Venv, f.Kind));
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Max_depth_and_user_globs_limit_the_walk()
    {
        using var tmp = new TempDir();
        Layouts.Uv(tmp.Combine("a", "venv"));
        Layouts.Uv(tmp.Combine("a", "b", "venv"));
        Layouts.Uv(tmp.Combine("build", "venv"));
        Layouts.Uv(tmp.Combine("tools", "cache", "venv"));

        Assert.Equal([tmp.Combine("a", "venv"), tmp.Combine("build", "venv")], Walk.Run(tmp.Path, maxDepth: 2).Paths);
        Assert.Equal(4, Walk.Run(tmp.Path, maxDepth: 3).Found.Count);
        Assert.Empty(Walk.Run(tmp.Path, maxDepth: 1).Found);
        Assert.Equal([tmp.Combine("a", "b", "venv"), tmp.Combine("a", "venv")],
            Walk.Run(tmp.Path, globs: ["build", "tools/**/cache/"]).Paths);
    }

    [Fact]
    public void A_root_that_is_itself_an_environment_is_reported()
    {
        using var tmp = new TempDir();
        var venv = Layouts.Uv(tmp.Combine("v"));
        Assert.Equal([venv], Walk.Run(venv).Paths);
    }

    [Fact]
    public void Symlink_loops_end_and_are_reported_as_skipped()
    {
        using var tmp = new TempDir();
        var venv = Layouts.Uv(tmp.Combine("a", "b", "venv"));
        File.CreateSymbolicLink(tmp.Combine("a", "b", "up"), tmp.Path);
        File.CreateSymbolicLink(tmp.Combine("a", "self"), ".");
        File.CreateSymbolicLink(tmp.Combine("ping"), tmp.Combine("pong"));
        File.CreateSymbolicLink(tmp.Combine("pong"), tmp.Combine("ping"));

        var result = Walk.Run(tmp.Path);

        Assert.Equal([venv], result.Paths);
        Assert.Contains(result.Skipped, s => s.Path == tmp.Combine("a", "b", "up") && s.Reason.Contains("loop"));
        Assert.Contains(result.Skipped, s => s.Path == tmp.Combine("a", "self") && s.Reason.Contains("loop"));
    }

    [Fact]
    public void An_environment_reached_through_an_alias_is_reported_once_at_the_path_the_user_sees()
    {
        using var tmp = new TempDir();
        using var elsewhere = new TempDir();
        var direct = Layouts.Uv(tmp.Combine("proj", ".venv"));
        File.CreateSymbolicLink(tmp.Combine("alias-venv"), direct);
        File.CreateSymbolicLink(tmp.Combine("alias-proj"), tmp.Combine("proj"));
        var outside = Layouts.Uv(Path.Combine(elsewhere.Path, "shared-venv"));
        File.CreateSymbolicLink(tmp.Combine("linked"), elsewhere.Path);
        File.CreateSymbolicLink(tmp.Combine("linked-again"), elsewhere.Path);

        var result = Walk.Run(tmp.Path);

        Assert.Equal([tmp.Combine("linked", "shared-venv"), direct], result.Paths);
        Assert.Equal(outside, result.Single(tmp.Combine("linked", "shared-venv")).RealPath);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void An_unreadable_folder_is_skipped_with_the_reason_and_the_rest_is_found()
    {
        // Tests run as root, whom chmod 000 does not stop: the file-system seam refuses the folder instead.
        using var tmp = new TempDir();
        Layouts.Uv(tmp.Combine("secret", "venv"));
        var visible = Layouts.Uv(tmp.Combine("open", "venv"));
        var fs = new HookedFileSystem(failList: f => f == tmp.Combine("secret") ? new UnauthorizedAccessException("denied") : null);

        var result = Walk.Run(tmp.Path, fs);

        Assert.Equal([visible], result.Paths);
        Assert.Equal(new SkippedPath(tmp.Combine("secret"), "permission denied"), Assert.Single(result.Skipped));
    }

    [Fact]
    public void A_folder_deleted_while_the_walk_runs_is_reported_as_vanished()
    {
        using var tmp = new TempDir();
        Layouts.Uv(tmp.Combine("doomed", "venv"));
        var kept = Layouts.Uv(tmp.Combine("kept", "venv"));
        // Right after the root is listed (so "doomed" is queued), the folder disappears.
        var fs = new HookedFileSystem(afterList: f =>
        {
            if (f == tmp.Path && Directory.Exists(tmp.Combine("doomed"))) Directory.Delete(tmp.Combine("doomed"), recursive: true);
        });

        var result = Walk.Run(tmp.Path, fs);

        Assert.Equal([kept], result.Paths);
        Assert.Equal(new SkippedPath(tmp.Combine("doomed"), "vanished during the scan"), Assert.Single(result.Skipped));
    }

    [Fact]
    public void Fifos_and_sockets_never_block_the_walk_even_named_pyvenv_cfg()
    {
        using var tmp = new TempDir();
        var kept = Layouts.Uv(tmp.Combine("ok", "venv"));
        Directory.CreateDirectory(tmp.Combine("fifo-env"));
        Run.Checked("mkfifo", tmp.Combine("fifo-env", "pyvenv.cfg"));
        Run.Checked("mkfifo", tmp.Combine("pipe"));
        Directory.CreateDirectory(tmp.Combine("sock"));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(tmp.Combine("sock", "pyvenv.cfg")));

        var result = Walk.Run(tmp.Path);

        // A folder with a pyvenv.cfg of any type is a venv (diagnosis says what is wrong with the file).
        Assert.Equal([tmp.Combine("fifo-env"), kept, tmp.Combine("sock")], result.Paths);
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_skipped_with_the_reason()
    {
        using var tmp = new TempDir();
        var kept = Layouts.Uv(tmp.Combine("ok", "venv"));
        Layouts.MakeNonUtf8Folder(tmp.Path);

        var result = Walk.Run(tmp.Path);

        Assert.Equal([kept], result.Paths);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("file name is not valid UTF-8", skipped.Reason);
    }

    [Fact]
    public void A_second_walk_with_the_cache_sees_added_and_removed_environments()
    {
        using var tmp = new TempDir();
        var first = Layouts.Uv(tmp.Combine("a", "b", "venv1"));
        Directory.CreateDirectory(tmp.Combine("c", "d"));
        FolderTimes.Backdate(tmp.Path);
        var cache = new WalkCache();
        Assert.Equal([first], Walk.Run(tmp.Path, cache: cache).Paths);
        Assert.True(cache.Count >= 4);
        // Unchanged: no folder is listed again (times read from the open folder match times read by path).
        var counting = new HookedFileSystem();
        Assert.Equal([first], Walk.Run(tmp.Path, counting, cache: cache).Paths);
        Assert.Equal(0, counting.Listings);

        var second = Layouts.Uv(tmp.Combine("c", "d", "venv2"));
        Assert.Equal([first, second], Walk.Run(tmp.Path, cache: cache).Paths);

        Directory.Delete(first, recursive: true);
        Assert.Equal([second], Walk.Run(tmp.Path, cache: cache).Paths);

        // A folder that was not an environment becomes one: its pyvenv.cfg is read afresh.
        File.WriteAllText(tmp.Combine("c", "pyvenv.cfg"), "home = /usr/bin\n");
        Assert.Equal([tmp.Combine("c")], Walk.Run(tmp.Path, cache: cache).Paths);
    }

    [Fact]
    public void A_folder_changed_in_the_same_clock_tick_as_its_listing_is_listed_again()
    {
        // The file system's clock ticks coarsely: a folder changed right after it was listed can keep the very time
        // the listing saw. Played here by putting that time back after the change, as a coarse clock would.
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("a"));
        var cache = new WalkCache();
        Assert.Empty(Walk.Run(tmp.Path, cache: cache).Paths);
        var listedTime = Directory.GetLastWriteTimeUtc(tmp.Combine("a"));

        var venv = Layouts.Uv(tmp.Combine("a", "venv"));
        Directory.SetLastWriteTimeUtc(tmp.Combine("a"), listedTime);

        Assert.Equal([venv], Walk.Run(tmp.Path, cache: cache).Paths);
    }
}

public class PruneRulesTests
{
    [Theory]
    [InlineData("build", "build", "build", true)]
    [InlineData("build", "build", "a/b/build", true)]
    [InlineData("build/", "build", "a/build", true)]
    [InlineData("build", "builder", "a/builder", false)]
    [InlineData("*.egg-info", "x.egg-info", "a/x.egg-info", true)]
    [InlineData("tools/**/cache", "cache", "tools/x/y/cache", true)]
    [InlineData("tools/**/cache", "cache", "other/x/cache", false)]
    [InlineData("docs/**", "docs", "docs", true)]
    public void Globs_match_like_gitignore(string glob, string name, string relative, bool pruned) =>
        Assert.Equal(pruned, new PruneRules([glob]).IsPruned(name, relative));

    [Fact]
    public void The_default_names_are_pruned_anywhere_for_a_watcher_too()
    {
        var rules = new PruneRules(["dist"]);
        Assert.True(rules.IsPrunedPath("/w", "/w/a/node_modules/x/y"));
        Assert.True(rules.IsPrunedPath("/w", "/w/pkg/dist/z"));
        Assert.False(rules.IsPrunedPath("/w", "/w/src/.venv/bin"));
        Assert.False(rules.IsPrunedPath("/w", "/elsewhere/node_modules"));
    }
}
