using Microsoft.Extensions.FileSystemGlobbing;

namespace VenvDoctor.Core.Watching;

/// <summary>The user's exclude globs (relative to a root, e.g. <c>**/build</c>), as a test on a folder's path.</summary>
internal static class ExcludeMatcher
{
    public static Func<string, bool> Create(IReadOnlyList<string> roots, IReadOnlyList<string> globs)
    {
        if (globs.Count == 0) return static _ => false;
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        return path =>
        {
            var root = roots.FirstOrDefault(r => PathUtil.IsUnderOrEqual(path, r));
            return root is not null && path.Length > root.Length && matcher.Match(root, Path.GetRelativePath(root, path)).HasMatches;
        };
    }
}
