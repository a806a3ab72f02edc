namespace VenvDoctor.Core.Watching;

/// <summary>
/// Folders never worth a watch: version-control stores, package caches and build output hold thousands of folders
/// and no environment. (.tox and .nox are kept: they hold environments.)
/// </summary>
internal static class PruneRules
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache",
        ".cache", ".idea", ".gradle", "target", ".next", ".terraform", "site-packages",
    };

    public static bool IsPruned(string name) => Names.Contains(name) || name.EndsWith(".egg-info", StringComparison.Ordinal);
}
