namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// The folder primitives of a whole-environment swap (recreate), as <see cref="AtomicFiles"/> is for single files:
/// the names of the hidden siblings, the check that only those are ever touched, and the one step that puts a
/// kept environment back. Each move is a rename (atomic); deleting the half-built or undone folder is the only
/// non-atomic step, and it only touches our own sibling. The transaction around these steps (claim, pending
/// index, journal, commit, roll-back, undo, recovery) is <see cref="RepairEngine"/>'s, the same as for file edits.
/// </summary>
internal static class FolderSwap
{
    /// <summary>The phase a pending entry records, so recovery can say whether it rolled back or finished an undo.</summary>
    public const string BuildPhase = "build";
    public const string UndoPhase = "undo";

    /// <summary>The journal entry state of a swapped folder: its <c>path</c> is the sibling that keeps the old environment.</summary>
    public const string BeforeState = "folder";

    /// <summary>The hidden sibling that keeps the old environment: <c>.NAME.venv-doctor-old-ID</c>.</summary>
    public static string AsideFor(string environment, string id) =>
        Path.Combine(Path.GetDirectoryName(environment)!, $".{Path.GetFileName(environment)}.venv-doctor-old-{id}");

    private static string TrashFor(string environment, string id) =>
        Path.Combine(Path.GetDirectoryName(environment)!, $".{Path.GetFileName(environment)}.venv-doctor-undone-{id}");

    /// <summary>Only our own siblings may be created or removed next to an environment.</summary>
    public static void CheckSibling(string environment, string path)
    {
        var name = Path.GetFileName(path);
        if (Path.GetDirectoryName(path) != Path.GetDirectoryName(environment) || !name.StartsWith($".{Path.GetFileName(environment)}.venv-doctor-", StringComparison.Ordinal))
            throw new RepairException($"Refusing to touch {path}: not this environment's own aside folder.");
    }

    /// <summary>
    /// Puts the kept environment back at its path; whatever is there now (a half-built or the recreated
    /// environment) goes to a trash sibling and is deleted. Idempotent: when the kept one is already back, only a
    /// trash left by a killed run is removed. The kept folder is moved only when it is a real folder, never a link.
    /// </summary>
    public static void PutBack(string environment, string aside, string id)
    {
        CheckSibling(environment, aside);
        var trash = TrashFor(environment, id);
        var kept = PosixFiles.Lstat(aside);
        if (kept.Exists)
        {
            if (kept.IsLink || !kept.IsDirectory) throw new RepairException($"Refusing to move {aside} back: it is not a folder (a symlink or a file).");
            if (PosixFiles.Lstat(environment).Exists) Directory.Move(environment, trash);
            Directory.Move(aside, environment);
        }
        if (PosixFiles.Lstat(trash) is { Exists: true, IsLink: false, IsDirectory: true }) Directory.Delete(trash, recursive: true);
    }
}
