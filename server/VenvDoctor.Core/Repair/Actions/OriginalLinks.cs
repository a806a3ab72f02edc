using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// The links of a copied environment that lead into its original, and what each becomes so the copy stands alone:
/// a link to a link of the original takes that link's target (so <c>bin/python</c> leads to the base interpreter as
/// the original's did, <c>python3</c> → <c>python</c> and <c>lib64</c> → <c>lib</c> stay relative), and a link to a
/// file of the original becomes a copy of that file. A link to a folder of the original is left, with the reason.
/// "Into the original" is decided on the link's target as written, made absolute, and on its real path.
/// </summary>
internal sealed class OriginalLinks(string environment, string original)
{
    private readonly string realOriginal = PathResolver.RealPath(original) ?? original;

    /// <summary>Every symlink in the environment (not its journal folder, never through a linked folder) that leads into the original.</summary>
    public IEnumerable<string> Find(CancellationToken cancellationToken)
    {
        var folders = new Stack<string>([environment]);
        while (folders.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = folders.Pop();
            IEnumerable<FileSystemInfo> entries;
            try { entries = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var entry in entries)
            {
                if (entry.LinkTarget is not null) { if (LeadsInto(entry.FullName)) yield return entry.FullName; }
                else if (entry is DirectoryInfo && !(folder == environment && entry.Name == RepairScope.JournalFolderName)) folders.Push(entry.FullName);
            }
        }
    }

    /// <summary>True when <paramref name="link"/> is a symlink whose target lies in the original.</summary>
    public bool LeadsInto(string link)
    {
        if (Target(link) is not { } target) return false;
        if (Paths.IsUnderOrEqual(target, original)) return true;
        return PathResolver.RealPath(link) is { } real && Paths.IsUnderOrEqual(real, realOriginal);
    }

    /// <summary>The edit that makes <paramref name="link"/> stand alone; null (with the file in <paramref name="left"/>) when it is left.</summary>
    public FileEdit? Replacement(string link, List<LeftFile> left)
    {
        var target = Target(link)!;
        var written = new FileInfo(link).LinkTarget!;
        var status = PosixFiles.Lstat(target);
        if (status.IsLink && new FileInfo(target).LinkTarget is { } next)
        {
            // The original's own link, as it is written there: a relative one means the same inside the copy, an
            // absolute one into the original is re-pointed at the copy's counterpart, anything else (the base) kept.
            var rebased = Path.IsPathRooted(next) ? Paths.Rebase(Path.GetFullPath(next), original, environment) ?? next : next;
            if (Path.IsPathRooted(rebased) && Path.GetFullPath(rebased) == link)
                return Leave(left, link, $"a symlink to {written}, whose own link leads back to it");
            return new FileEdit(EditOperation.ReplaceLink, link, $"point it where the original's link points ({rebased})")
                { Before = written, After = rebased, NewLinkTarget = rebased };
        }
        if (PathResolver.RealPath(link) is { } real && PosixFiles.Lstat(real).IsFile)
            return new FileEdit(EditOperation.ReplaceLinkWithFile, link, "replace the link into the original by a copy of the file")
                { Before = written, After = "a copy of " + real, CopyFrom = real, Mode = PosixFiles.Lstat(real).Mode };
        return Leave(left, link, status.IsDirectory
            ? $"a symlink to the original's folder {written}; copy that folder into the environment by hand"
            : $"a symlink to {written}, which is not a file");
    }

    /// <summary>The link's target made absolute (relative targets are relative to the link's folder), normalised; null when not a link.</summary>
    private static string? Target(string link)
    {
        var written = new FileInfo(link).LinkTarget;
        return written is null ? null : Path.GetFullPath(written, Path.GetDirectoryName(link)!);
    }

    private static FileEdit? Leave(List<LeftFile> left, string link, string reason)
    {
        left.Add(new LeftFile(link, reason));
        return null;
    }
}
