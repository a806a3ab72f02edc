using Microsoft.Extensions.FileSystemGlobbing;

namespace VenvDoctor.Core.Discovery.Walking;

/// <summary>
/// Which folders a walk (or a file watcher) never enters: a fixed set of names that never hold an environment of
/// the user's own and are often huge, plus user globs. A glob without a slash matches a folder name at any depth
/// (like .gitignore: <c>build</c> means every folder called build); a glob with a slash is matched against the path
/// relative to the root (<c>tools/**/cache</c>). A trailing <c>/</c> or <c>/**</c> means the folder itself.
/// </summary>
public sealed class PruneRules
{
    /// <summary>Always skipped: VCS data, JS dependencies, caches of Python tools.</summary>
    public static readonly IReadOnlySet<string> DefaultNames = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache",
    };

    public static readonly PruneRules Default = new([]);

    private readonly Matcher? matcher;
    /// <summary>Globs that are plain names (the common case): a set lookup instead of the glob matcher.</summary>
    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Globs { get; }

    public PruneRules(IEnumerable<string> excludeGlobs)
    {
        Globs = excludeGlobs.Where(g => !string.IsNullOrWhiteSpace(g)).ToList();
        foreach (var glob in Globs)
        {
            var g = glob.Replace('\\', '/').Trim();
            while (g.EndsWith("/**", StringComparison.Ordinal)) g = g[..^3];
            g = g.TrimEnd('/');
            if (g.StartsWith("./", StringComparison.Ordinal)) g = g[2..];
            if (!g.Contains('/') && g.IndexOfAny(['*', '?', '[', '{']) < 0)
            {
                names.Add(g);
                continue;
            }
            matcher ??= new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(g.Contains('/') ? g.TrimStart('/') : "**/" + g);
        }
    }

    public bool HasGlobs => matcher is not null || names.Count > 0;

    /// <summary>True when the folder called <paramref name="name"/> is skipped by name alone.</summary>
    public static bool IsPrunedName(string name) => DefaultNames.Contains(name);

    /// <summary>True when a folder is skipped. <paramref name="relativePath"/>: from the walk's root, '/'-separated.</summary>
    public bool IsPruned(string name, string relativePath) =>
        IsPrunedName(name) || names.Contains(name) || (matcher is not null && matcher.Match(relativePath).HasMatches);

    /// <summary>Same as <see cref="IsPruned(string,string)"/> for absolute paths (a watcher's events).</summary>
    public bool IsPrunedPath(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        if (relative.StartsWith("..", StringComparison.Ordinal)) return false;
        foreach (var part in relative.Split('/'))
            if (IsPrunedName(part) || names.Contains(part)) return true;
        return matcher is not null && matcher.Match(relative).HasMatches;
    }
}
