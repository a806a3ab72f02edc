using System.Text;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy.Git;

public enum TrackedState { NotTracked, Tracked, Unknown }

/// <summary>
/// Whether git tracks files of a folder: <see cref="TrackedState.Tracked"/> with the first such path
/// (<see cref="TrackedPath"/>, relative to the work tree, as git stores it), <see cref="TrackedState.NotTracked"/>
/// (also: no repository holds it), or <see cref="TrackedState.Unknown"/> with a one-line <see cref="Note"/> (an index
/// that cannot be read, is garbled, or folds the folder into a sparse directory entry).
/// </summary>
public sealed record GitTracking(TrackedState State, GitRepository? Repository, string? RelativePath, string? TrackedPath, string? Note)
{
    /// <summary>The most shared-index entries a split index's delete bitmap may number (one bit each: 16 MiB held at most).</summary>
    private const int MaxSharedEntries = 128 * 1024 * 1024;

    /// <summary>
    /// Reads the index of the repository holding <paramref name="realFolder"/> (a real path) for an entry inside it,
    /// stopping at the first. Only files are read: git is never run. The folder is compared with the index's paths by
    /// its real path relative to the work tree, as UTF-8 bytes (git stores a path's bytes, <c>/</c>-separated).
    /// </summary>
    public static GitTracking Of(string realFolder)
    {
        var repository = GitRepository.Find(realFolder, out var note);
        if (repository is null)
            return new(note is null ? TrackedState.NotTracked : TrackedState.Unknown, null, null, null, note is null ? null : $"git: {note}");
        var relative = Path.GetRelativePath(repository.WorkTree, realFolder).Replace(Path.DirectorySeparatorChar, '/');
        var prefix = Encoding.UTF8.GetBytes(relative == "." ? "" : relative + "/");
        try
        {
            var (state, tracked, why) = Search(repository, prefix);
            return new(state, repository, relative, tracked, why is null ? null : $"git's index {why}");
        }
        catch (GitIndexFormatException e) { return Unknown(repository, relative, e.Message); }
        catch (Files.FileRefusedException e) { return Unknown(repository, relative, e.Read.Message); }
        catch (IOException e) { return Unknown(repository, relative, e.Message); }
    }

    private static GitTracking Unknown(GitRepository repository, string relative, string why) =>
        new(TrackedState.Unknown, repository, relative, null, $"git's index cannot be read: {why}");

    private static (TrackedState State, string? Tracked, string? Why) Search(GitRepository repository, byte[] prefix)
    {
        using var index = GitIndexReader.Open(repository.IndexPath, repository.HashSize, out var refusal);
        if (index is null)
            return refusal!.Refusal == FileRefusal.Missing ? (TrackedState.NotTracked, null, null) : (TrackedState.Unknown, null, refusal.Message);
        // Without a sharedindex.* file the index cannot be split, so it is one sorted run: its reading stops once past
        // the folder. With one (a split index, or one left behind for git to expire), every entry and the extensions are read.
        var mayBeSplit = SharedIndexFiles(repository).Any();
        var found = Find(index, prefix, link: null, sorted: !mayBeSplit);
        if (found.State != TrackedState.NotTracked || !mayBeSplit) return found;
        if (index.ReadLink(MaxSharedEntries) is not { } link) return found;
        // A split index holds only what changed since its shared index: the rest of the entries are there.
        var sharedPath = SharedIndexPath(repository, link.SharedIndexId);
        using var shared = GitIndexReader.Open(sharedPath, repository.HashSize, out var sharedRefusal)
            ?? throw new Files.FileRefusedException(sharedRefusal!);
        return Find(shared, prefix, link, sorted: true);
    }

    /// <summary>
    /// The first entry of <paramref name="index"/> inside the folder (not deleted by <paramref name="link"/>, when
    /// reading a shared index). An index that is one run <paramref name="sorted"/> by path bytes, as git writes it, is
    /// read only up to the folder's place; a split index's own entries are two sorted runs (replaced, then added), read whole.
    /// </summary>
    private static (TrackedState State, string? Tracked, string? Why) Find(GitIndexReader index, byte[] prefix, SplitIndexLink? link, bool sorted)
    {
        (TrackedState State, string? Tracked, string? Why) result = (TrackedState.NotTracked, null, null);
        index.ReadEntries((in GitIndexEntry entry) =>
        {
            var path = entry.Path;
            if (path.StartsWith(prefix) && !(link?.IsDeleted(entry.Position) ?? false))
            {
                result = (TrackedState.Tracked, Encoding.UTF8.GetString(path), null);
                return false;
            }
            if (entry.IsSparseDirectory && prefix.AsSpan().StartsWith(path))
            {
                result = (TrackedState.Unknown, null, $"folds {Encoding.UTF8.GetString(path)} into one sparse-index entry (the answer is in git's objects, which are not read)");
                return false;
            }
            return !sorted || path.SequenceCompareTo(prefix) < 0;
        });
        return result;
    }

    private static IEnumerable<string> SharedIndexFiles(GitRepository repository)
    {
        IEnumerable<string> In(string folder)
        {
            try { return Directory.EnumerateFiles(folder, "sharedindex.*"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
        }
        return repository.CommonDir == repository.GitDir ? In(repository.GitDir) : In(repository.GitDir).Concat(In(repository.CommonDir));
    }

    /// <summary><c>sharedindex.&lt;id&gt;</c> beside the index; a linked worktree may share its repository's.</summary>
    private static string SharedIndexPath(GitRepository repository, string id)
    {
        var name = $"sharedindex.{id}";
        var own = Path.Combine(repository.GitDir, name);
        return File.Exists(own) || repository.CommonDir == repository.GitDir ? own : Path.Combine(repository.CommonDir, name);
    }
}
