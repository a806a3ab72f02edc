namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// A script of bin/ that make-relocatable rewrites whole: opened only when it is a regular file (a link is never
/// written through: what it points to may be shared) of UTF-8 text; otherwise it goes to the plan's left files with
/// the reason.
/// </summary>
internal static class EditableScript
{
    public static TextFile? Open(string file, List<LeftFile> left)
    {
        var status = PosixFiles.Lstat(file);
        var reason = status.IsLink ? $"a symlink to {new FileInfo(file).LinkTarget}; never written through (what it points to may be shared)"
            : !status.IsFile ? "not a regular file"
            : null;
        var text = reason is null ? TextFile.TryRead(file) : null;
        reason ??= text is null ? "not UTF-8 text; never edited as text" : null;
        if (reason is not null) left.Add(new LeftFile(file, reason));
        return text;
    }
}
