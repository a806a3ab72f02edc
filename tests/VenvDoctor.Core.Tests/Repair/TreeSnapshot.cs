using System.Security.Cryptography;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// Every entry of a folder tree as (relative path, kind, mode, content hash or link target): two equal snapshots
/// mean byte-identical trees (content, modes, links). The engine's own journal folder can be left out.
/// </summary>
public sealed record TreeSnapshot(IReadOnlyDictionary<string, string> Entries)
{
    /// <param name="leaveOut">Relative paths whose whole subtree is not walked (never read: it may hold FIFOs).</param>
    public static TreeSnapshot Of(string root, bool includeJournal = false, IReadOnlyCollection<string>? leaveOut = null)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, root, entries, includeJournal, leaveOut ?? []);
        return new TreeSnapshot(entries);
    }

    private static void Walk(string root, string dir, SortedDictionary<string, string> entries, bool includeJournal, IReadOnlyCollection<string> leaveOut)
    {
        List<string> children;
        // A folder this user cannot list is recorded as such (its mode is recorded by its parent): nothing to hash.
        try { children = Directory.EnumerateFileSystemEntries(dir).ToList(); }
        catch (UnauthorizedAccessException)
        {
            entries[Path.GetRelativePath(root, dir) + "/*"] = "unlistable";
            return;
        }
        foreach (var path in children)
        {
            var rel = Path.GetRelativePath(root, path);
            if (!includeJournal && rel == ".venv-doctor") continue;
            if (leaveOut.Contains(rel)) continue;
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                entries[rel] = $"link -> {target}";
                continue;
            }
            var mode = File.GetUnixFileMode(path);
            // A FIFO, socket or device is recorded by kind, never opened: reading one would block or never end.
            if (VenvDoctor.Core.Discovery.FileSystem.FileStatus.Query(path, followLinks: false, out var status) == VenvDoctor.Core.Discovery.FileSystem.FileStatus.Outcome.Found
                && !status.IsFile && !status.IsDirectory)
            {
                entries[rel] = $"{status.KindName} {mode}";
                continue;
            }
            if (Directory.Exists(path))
            {
                entries[rel] = $"dir {mode}";
                Walk(root, path, entries, includeJournal, leaveOut);
            }
            else entries[rel] = $"file {mode} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}";
        }
    }

    /// <summary>The differences, one line each, for a readable assertion message.</summary>
    public string DiffAgainst(TreeSnapshot other)
    {
        var lines = new List<string>();
        foreach (var k in Entries.Keys.Union(other.Entries.Keys).Order(StringComparer.Ordinal))
        {
            Entries.TryGetValue(k, out var a);
            other.Entries.TryGetValue(k, out var b);
            if (a != b) lines.Add($"{k}: {a ?? "(absent)"} vs {b ?? "(absent)"}");
        }
        return string.Join('\n', lines);
    }

    public void AssertSameAs(TreeSnapshot expected, string because)
    {
        var diff = expected.DiffAgainst(this);
        Assert.True(diff.Length == 0, $"{because}:\n{diff}");
    }
}
