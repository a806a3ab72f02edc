using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Anatomy;

/// <summary>setuptools strict-mode link trees built by hand: shape, dangling links and where they pointed, loops, the entry bound.</summary>
public class EditableLinkTreeTests
{
    /// <summary>PROJECT/pkg/{__init__,mod}.py and PROJECT/build/__editable__.pkg-1.0-py3-none-any with one absolute link per file, as setuptools lays it out.</summary>
    internal static string BuildStrictProject(string project, string package = "pkg")
    {
        Directory.CreateDirectory(Path.Combine(project, package));
        var tree = Path.Combine(project, "build", $"__editable__.{package}-1.0-py3-none-any");
        Directory.CreateDirectory(Path.Combine(tree, package));
        foreach (var file in new[] { "__init__.py", "mod.py" })
        {
            File.WriteAllText(Path.Combine(project, package, file), "");
            File.CreateSymbolicLink(Path.Combine(tree, package, file), Path.Combine(project, package, file));
        }
        return tree;
    }

    [Fact]
    public void Recognises_the_shape_setuptools_gives_a_link_tree()
    {
        Assert.True(EditableLinkTree.IsLinkTreePath("/p/build/__editable__.pkg-1.0-py3-none-any"));
        Assert.True(EditableLinkTree.IsLinkTreePath("/p/build/__editable__.pkg-1.0-py3-none-any/"));
        Assert.False(EditableLinkTree.IsLinkTreePath("/p/src"));
        Assert.False(EditableLinkTree.IsLinkTreePath("/p/__editable__.pkg-1.0-py3-none-any"));
        Assert.False(EditableLinkTree.IsLinkTreePath("/p/build/lib"));
        Assert.Equal("/p", EditableLinkTree.ProjectOf("/p/build/__editable__.pkg-1.0-py3-none-any"));
    }

    [Fact]
    public void Links_into_the_project_are_fine_until_it_moves_then_they_name_its_old_folder()
    {
        using var tmp = new TempDir();
        var project = tmp.Combine("my proj");
        var tree = BuildStrictProject(project);
        Assert.Equal(new LinkTreeState(2, 0, null, false), EditableLinkTree.Inspect(tree));

        var moved = tmp.Combine("my proj moved");
        Directory.Move(project, moved);
        var state = EditableLinkTree.Inspect(Path.Combine(moved, "build", Path.GetFileName(tree)));

        Assert.Equal(new LinkTreeState(2, 2, project, false), state);
        Assert.True(state.IsStale);
    }

    [Fact]
    public void A_link_laid_out_differently_names_its_targets_folder()
    {
        using var tmp = new TempDir();
        var tree = tmp.Combine("build", "__editable__.pkg-1.0-py3-none-any");
        Directory.CreateDirectory(Path.Combine(tree, "pkg"));
        File.CreateSymbolicLink(Path.Combine(tree, "pkg", "__init__.py"), tmp.Combine("gone", "lib", "init.py"));

        Assert.Equal(tmp.Combine("gone", "lib"), EditableLinkTree.Inspect(tree).DanglingRoot);
    }

    [Fact]
    public void Symlinked_folders_are_not_entered_so_loops_end()
    {
        using var tmp = new TempDir();
        var tree = BuildStrictProject(tmp.Combine("proj"));
        // A link to the tree itself and a self-referencing link: following either would never end.
        Directory.CreateSymbolicLink(Path.Combine(tree, "pkg", "again"), tree);
        File.CreateSymbolicLink(Path.Combine(tree, "loop"), Path.Combine(tree, "loop"));

        var state = EditableLinkTree.Inspect(tree);

        Assert.Equal(4, state.Links);
        Assert.Equal(1, state.Dangling); // the self link resolves to nothing
        Assert.False(state.Truncated);
    }

    [Fact]
    public void A_huge_tree_is_read_only_up_to_the_bound()
    {
        using var tmp = new TempDir();
        var tree = tmp.Combine("build", "__editable__.big-1.0-py3-none-any");
        Directory.CreateDirectory(tree);
        for (var i = 0; i < EditableLinkTree.MaxEntries + 50; i++)
            File.CreateSymbolicLink(Path.Combine(tree, $"m{i}.py"), tmp.Combine("old", $"m{i}.py"));

        var state = EditableLinkTree.Inspect(tree);

        Assert.True(state.Truncated);
        Assert.Equal(EditableLinkTree.MaxEntries, state.Links);
        Assert.Equal(EditableLinkTree.MaxEntries, state.Dangling);
        Assert.Equal(tmp.Combine("old"), state.DanglingRoot);
    }

    [Fact]
    public void A_missing_or_unreadable_folder_is_not_stale()
    {
        using var tmp = new TempDir();
        Assert.Equal(new LinkTreeState(0, 0, null, false), EditableLinkTree.Inspect(tmp.Combine("nope")));
    }
}
