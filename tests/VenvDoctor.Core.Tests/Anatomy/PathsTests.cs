using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Tests.Anatomy;

/// <summary>The one set of path-shape helpers: trimming, is-under and re-basing, on the edge cases each caller met.</summary>
public sealed class PathsTests
{
    [Theory]
    [InlineData("/a/b/", "/a/b")]
    [InlineData("/a/b//", "/a/b")]
    [InlineData("/", "/")]
    [InlineData("//", "/")]
    [InlineData("", "")]
    [InlineData(@"/a/b\", @"/a/b\")] // on Linux a backslash is part of the name
    public void TrimSeparators_keeps_roots_and_this_OSs_names(string path, string expected) =>
        Assert.Equal(expected, Paths.TrimSeparators(path));

    [Theory]
    [InlineData(@"C:\Python311\", @"C:\Python311")]
    [InlineData("/opt/py/", "/opt/py")]
    [InlineData(@"\", @"\")]
    public void TrimAnySeparators_trims_a_record_written_on_either_OS(string path, string expected) =>
        Assert.Equal(expected, Paths.TrimAnySeparators(path));

    [Fact]
    public void Full_is_absolute_and_trimmed() =>
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "x"), Paths.Full("x/"));

    [Theory]
    [InlineData("/a/b", "/a", true, true)]
    [InlineData("/a", "/a", true, false)]
    [InlineData("/a/", "/a", true, false)]
    [InlineData("/ab", "/a", false, false)]
    [InlineData("/a/b", "/a/", true, true)]
    [InlineData("/x", "/", true, true)]
    [InlineData("/a", "/a/b", false, false)]
    [InlineData("/x", "", false, false)]
    public void IsUnder_compares_whole_components(string path, string folder, bool underOrEqual, bool strictlyUnder)
    {
        Assert.Equal(underOrEqual, Paths.IsUnderOrEqual(path, folder));
        Assert.Equal(strictlyUnder, Paths.IsUnder(path, folder));
    }

    [Theory]
    [InlineData("/old/env/bin/python", "/old/env", "/new/place", "/new/place/bin/python")]
    [InlineData("/old/env", "/old/env", "/new", "/new")]
    [InlineData("/old/env/", "/old/env", "/new", "/new/")]
    [InlineData("/old/env/src/", "/old/env/", "/new/", "/new/src/")]
    [InlineData("/old/envy/x", "/old/env", "/new", null)]
    [InlineData("/usr/bin/python3", "/", "/new", null)]
    [InlineData("/old/env/x", "/old/env", "/", "/x")]
    public void Rebase_keeps_what_follows_byte_for_byte_and_never_rebases_a_root(string path, string from, string to, string? expected) =>
        Assert.Equal(expected, Paths.Rebase(path, from, to));
}
