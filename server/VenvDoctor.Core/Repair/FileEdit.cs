namespace VenvDoctor.Core.Repair;

/// <summary>What one edit does to one path. Wire names: write, relink, create, create-link, delete, materialize.</summary>
public enum EditOperation
{
    /// <summary>Replace an existing regular file's content (atomically, keeping its mode and owner).</summary>
    WriteFile,
    /// <summary>Replace an existing (possibly dangling) symlink's target.</summary>
    ReplaceLink,
    /// <summary>Create a regular file that does not exist yet.</summary>
    CreateFile,
    /// <summary>Create a symlink that does not exist yet.</summary>
    CreateLink,
    /// <summary>Delete a file or symlink.</summary>
    DeleteFile,
    /// <summary>
    /// Replace a symlink by a regular file: <see cref="FileEdit.NewContent"/>, or a copy of <see cref="FileEdit.CopyFrom"/>
    /// (make-independent on a copy made of links). The link is journaled, so undo puts it back.
    /// </summary>
    ReplaceLinkWithFile,
    /// <summary>Rename a whole folder (recreate keeps the old environment aside); applied by recreate, not the file engine.</summary>
    RenameFolder,
    /// <summary>Run a program (the environment's own pip): performed by the action that plans it, never by the file engine.</summary>
    RunProgram,
}

/// <summary>
/// One concrete change to one path, with what is there before and what will be there after, for display and for
/// the journal. <see cref="NewContent"/> is the exact bytes for WriteFile/CreateFile; <see cref="NewLinkTarget"/>
/// the target for ReplaceLink/CreateLink. <see cref="Before"/>/<see cref="After"/> are short human-readable
/// excerpts (the changed lines, or link targets), not necessarily the whole file.
/// </summary>
public sealed record FileEdit(EditOperation Operation, string Path, string Description)
{
    public string? Before { get; init; }
    public string? After { get; init; }
    public byte[]? NewContent { get; init; }
    public string? NewLinkTarget { get; init; }
    /// <summary>Mode for CreateFile and ReplaceLinkWithFile (WriteFile keeps the existing mode).</summary>
    public UnixFileMode? Mode { get; init; }
    /// <summary>ReplaceLinkWithFile without <see cref="NewContent"/>: the regular file whose bytes the new file gets (read when applied, not held in the plan).</summary>
    public string? CopyFrom { get; init; }

    public static string WireName(EditOperation op) => op switch
    {
        EditOperation.WriteFile => "write",
        EditOperation.ReplaceLink => "relink",
        EditOperation.CreateFile => "create",
        EditOperation.CreateLink => "create-link",
        EditOperation.DeleteFile => "delete",
        EditOperation.ReplaceLinkWithFile => "materialize",
        EditOperation.RenameFolder => "rename",
        EditOperation.RunProgram => "run",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
