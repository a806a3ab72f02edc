using VenvDoctor.Core.Watching;

namespace VenvDoctor.Core.Tests.Watching;

/// <summary>Pairing vanished with appeared environments, on identities built by hand (no disk).</summary>
public sealed class MoveMatcherTests
{
    private static EnvironmentIdentity Id(string cfg, string? recorded = null) => new(cfg, "python->/usr/bin/python3", recorded, "/usr/bin");
    private static MoveMatcher.Candidate C(string path, EnvironmentIdentity id) => new(path, id);

    [Fact]
    public void Recorded_location_beats_a_look_alike()
    {
        // Two 3.10-style venvs made from the same base have identical pyvenv.cfg; the recorded location tells them apart.
        var a = C("/w/a/.venv", Id("home = /usr/bin", "/w/a/.venv"));
        var b = C("/w/b/.venv", Id("home = /usr/bin", "/w/b/.venv"));
        var bMoved = C("/w/c/.venv", Id("home = /usr/bin", "/w/b/.venv"));

        var r = MoveMatcher.Match([a, b], [bMoved], []);

        Assert.Equal([("/w/b/.venv", "/w/c/.venv")], r.Moves.Select(m => (m.From.Path, m.To.Path)));
        Assert.Equal(["/w/a/.venv"], r.Removed.Select(x => x.Path));
        Assert.Empty(r.Added);
    }

    [Fact]
    public void A_moved_venv_moved_again_matches_by_identity()
    {
        var id = Id("home = /usr/bin\ncommand = /usr/bin/python3 -m venv /w/original", "/w/original");
        var r = MoveMatcher.Match([C("/w/second", id)], [C("/w/third", id)], []);
        Assert.Equal([("/w/second", "/w/third")], r.Moves.Select(m => (m.From.Path, m.To.Path)));
    }

    [Fact]
    public void An_os_rename_pairs_even_without_identity()
    {
        var empty = new EnvironmentIdentity("", "", null, null);
        var r = MoveMatcher.Match([C("/w/proj/.venv", empty)], [C("/w/renamed/.venv", empty)], [("/w/proj", "/w/renamed")]);
        Assert.Single(r.Moves);
        // Without the rename, two identity-less folders are not the same environment.
        var none = MoveMatcher.Match([C("/w/proj/.venv", empty)], [C("/w/renamed/.venv", empty)], []);
        Assert.Empty(none.Moves);
        Assert.Single(none.Removed);
        Assert.Single(none.Added);
    }

    [Fact]
    public void Different_environments_are_not_paired()
    {
        var r = MoveMatcher.Match([C("/w/a", Id("version = 3.11.2", "/w/a"))], [C("/w/b", Id("version = 3.12.1", "/w/b"))], []);
        Assert.Empty(r.Moves);
    }
}
