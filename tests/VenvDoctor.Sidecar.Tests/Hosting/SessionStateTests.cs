using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;

namespace VenvDoctor.Sidecar.Tests.Hosting;

public class SessionStateTests
{
    private static SessionSettings Settings(params string[] roots) =>
        new(roots, MaxDepth: null, ExcludeGlobs: [], ExtraSearchFolders: [], Watch: true, Trace: ClientTraceLevel.Off);

    [Fact]
    public void Roots_are_absolute_without_trailing_separators_and_duplicates()
    {
        var session = new SessionState();
        session.ApplyInitialize(Settings("/tmp/a/", "/tmp/a", "/tmp/b/../c"));
        Assert.Equal(["/tmp/a", "/tmp/c"], session.WorkspaceRoots);
        Assert.True(session.IsInitializeReceived);
        Assert.False(session.Initialized.IsCompleted);
    }

    [Fact]
    public void Folder_changes_raise_one_event_with_what_changed()
    {
        var session = new SessionState();
        session.ApplyInitialize(Settings("/w/one", "/w/two"));
        var events = new List<WorkspaceRootsChangedEventArgs>();
        session.WorkspaceRootsChanged += (_, e) => events.Add(e);

        session.UpdateWorkspaceRoots(added: ["/w/three"], removed: ["/w/one"]);
        session.UpdateWorkspaceRoots(added: ["/w/two"], removed: ["/w/nowhere"]); // no change: no event

        var change = Assert.Single(events);
        Assert.Equal(["/w/three"], change.Added);
        Assert.Equal(["/w/one"], change.Removed);
        Assert.Equal(["/w/two", "/w/three"], session.WorkspaceRoots);
    }

    [Fact]
    public async Task Initialized_completes_when_marked()
    {
        var session = new SessionState();
        var waiting = session.Initialized;
        session.MarkInitialized();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("file:///home/me/my%20project", "/home/me/my project")]
    [InlineData("file:///home/me/proj/", "/home/me/proj")]
    [InlineData("file:///tmp/%C3%A9t%C3%A9", "/tmp/été")]
    [InlineData("vscode-remote://ssh-remote+box/home/me", null)]
    [InlineData("not a uri", null)]
    [InlineData("", null)]
    public void File_uris_become_local_paths_and_other_schemes_none(string uri, string? expected)
    {
        Assert.Equal(expected, FileUris.ToLocalPath(uri));
    }

    [Theory]
    [InlineData("file:///c%3A/Users/me/proj", "file:///c:/Users/me/proj")]
    [InlineData("file:///Z%3a/tmp", "file:///Z:/tmp")]
    [InlineData("file:///c:/Users/me", "file:///c:/Users/me")]
    [InlineData("file:///home/me/a%3Ab", "file:///home/me/a%3Ab")]
    [InlineData("file:///cd%3A/x", "file:///cd%3A/x")]
    public void A_drive_letters_escaped_colon_is_unescaped_as_VS_Code_on_Windows_sends_it(string uri, string expected)
    {
        Assert.Equal(expected, FileUris.WithDriveColon(uri));
    }
}
