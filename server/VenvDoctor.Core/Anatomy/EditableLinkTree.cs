namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// What a look at a strict link tree found: how many symlinks were read, how many point at nothing, the folder
/// the dangling ones pointed into (the project's old place), and whether the entry bound cut the walk short.
/// </summary>
public sealed record LinkTreeState(int Links, int Dangling, string? DanglingRoot, bool Truncated)
{
    public bool IsStale => Dangling > 0;
}

/// <summary>
/// setuptools' strict editable mode (<c>--config-settings editable_mode=strict</c>): the <c>__editable__.*.pth</c>
/// names <c>PROJECT/build/__editable__.NAME-VERSION-TAG</c>, a folder of real sub-folders holding one ABSOLUTE
/// symlink per source file. Moving the project carries that folder along, but its links still name the old
/// paths, so the folder exists while every import through it finds nothing.
/// Read with lstat/readlink only: symlinked folders are never entered (no loops), and the walk stops after
/// <see cref="MaxEntries"/> entries so a huge or hostile tree costs little.
/// </summary>
public static class EditableLinkTree
{
    public const int MaxEntries = 400;

    /// <summary>The shape setuptools gives it: a folder named <c>__editable__.*</c> directly inside a <c>build</c> folder.</summary>
    public static bool IsLinkTreePath(string path)
    {
        var trimmed = Paths.TrimAnySeparators(path);
        var name = Path.GetFileName(trimmed);
        var parent = Path.GetDirectoryName(trimmed);
        return name.StartsWith("__editable__.", StringComparison.Ordinal) && parent is not null && Path.GetFileName(parent) == "build";
    }

    /// <summary>The project a link tree belongs to: the folder holding its <c>build/</c>.</summary>
    public static string? ProjectOf(string linkTree) =>
        Path.GetDirectoryName(Path.GetDirectoryName(Paths.TrimAnySeparators(linkTree)));

    /// <summary>Reads every symlink under <paramref name="folder"/> (bounded) and whether its target exists.</summary>
    public static LinkTreeState Inspect(string folder)
    {
        var root = Paths.TrimAnySeparators(folder);
        int entries = 0, links = 0, dangling = 0;
        var roots = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<FileSystemInfo> children;
            try { children = new DirectoryInfo(dir).EnumerateFileSystemInfos().ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var child in children)
            {
                if (++entries > MaxEntries) return new LinkTreeState(links, dangling, MostCommon(roots), true);
                var target = PathResolver.ReadLink(child);
                if (target is null)
                {
                    // A real folder is entered; a symlinked one never is (it may loop), and LinkTarget above is lstat-based.
                    if (child is DirectoryInfo) pending.Push(child.FullName);
                    continue;
                }
                links++;
                // Resolved by lstat/readlink alone; a link that loops resolves to nothing, like one that dangles.
                if (PathResolver.RealPath(child.FullName) is not null) continue;
                var absolute = Path.GetFullPath(target, dir);
                dangling++;
                var oldRoot = PointedInto(absolute, Path.GetRelativePath(root, child.FullName));
                roots[oldRoot] = roots.GetValueOrDefault(oldRoot) + 1;
            }
        }
        return new LinkTreeState(links, dangling, MostCommon(roots), false);
    }

    /// <summary>
    /// setuptools links <c>TREE/pkg/mod.py</c> to <c>SRC/pkg/mod.py</c>: strip the link's place in the tree from its
    /// target to get SRC. A link laid out differently (package_dir mappings) gives its target's folder instead.
    /// </summary>
    private static string PointedInto(string target, string relativeInTree)
    {
        var suffix = Path.DirectorySeparatorChar + relativeInTree;
        return target.EndsWith(suffix, StringComparison.Ordinal) && target.Length > suffix.Length
            ? target[..^suffix.Length]
            : Path.GetDirectoryName(target) ?? target;
    }

    private static string? MostCommon(Dictionary<string, int> counts) =>
        counts.Count == 0 ? null : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
}
