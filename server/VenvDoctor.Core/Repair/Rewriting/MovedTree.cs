using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// The folder that really moved when an environment did: <c>/w/proj/.venv</c> → <c>/w/app/.venv</c> means
/// <c>/w/proj</c> → <c>/w/app</c> (the trailing names both paths share moved with it). A project renamed with its
/// <c>.venv</c> and the package installed from it (<c>pip install -e .</c>) is one such move: the editable records
/// point into the old project, outside the environment, yet moved in the same rename. Lives with the rewriting
/// because it only says where a recorded path goes; the edits stay inside the environment (its own records).
/// </summary>
public sealed record MovedTree(string From, string To)
{
    /// <summary>The moved folders for an environment recorded at <paramref name="recorded"/> and found at <paramref name="now"/>; null when none moved but the environment itself.</summary>
    public static MovedTree? Of(string recorded, string now)
    {
        var from = Paths.TrimSeparators(recorded);
        var to = Paths.TrimSeparators(now);
        var moved = false;
        while (Path.GetFileName(from) is { Length: > 0 } a && a == Path.GetFileName(to)
               && Path.GetDirectoryName(from) is { Length: > 1 } fromParent && Path.GetDirectoryName(to) is { Length: > 1 } toParent)
        {
            from = fromParent;
            to = toParent;
            moved = true;
        }
        return moved && from != to ? new MovedTree(from, to) : null;
    }

    /// <summary>
    /// Where a path recorded under the old folder is now — only when it really moved with the folder: nothing is
    /// left at the old path, something is at the new one, and by real path it still lies in the moved folder (a
    /// link inside the project leading elsewhere is not followed out of it). Null otherwise.
    /// </summary>
    public string? Follow(string recordedPath)
    {
        if (!Paths.IsUnderOrEqual(recordedPath, From)) return null;
        var now = To + recordedPath[From.Length..];
        if (File.Exists(recordedPath) || Directory.Exists(recordedPath)) return null;
        return PathResolver.IsUnderByRealPath(now, To) ? now : null;
    }
}
