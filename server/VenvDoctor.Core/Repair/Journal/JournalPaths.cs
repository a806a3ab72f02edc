using System.Text.RegularExpressions;
using VenvDoctor.Core.Repair.Policy;

namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// Every path a manifest names must resolve inside its environment before recovery or undo touches anything:
/// relative, no <c>.</c> or <c>..</c> component, and no folder on the way that is a symlink leaving the
/// environment (checked by real path through <see cref="RepairScope"/>). Two exceptions: a settings file
/// (repoint-interpreter, venv/setInterpreterSetting), held to <see cref="WorkspaceSettings"/>, and recreate's kept folder, held to
/// <see cref="FolderSwap.CheckSibling"/>. Checked even for our own
/// journals: the environment may have changed (a link planted) since the journal was written.
/// </summary>
internal static partial class JournalPaths
{
    /// <summary>Null when every path is acceptable; else the first problem, naming the path.</summary>
    public static string? Problem(JournalManifest manifest, string journalFolder, string environmentRoot)
    {
        if (manifest.Id != Path.GetFileName(journalFolder)) return $"its id '{manifest.Id}' is not its folder's name";
        var scope = new RepairScope(environmentRoot);
        var settingsFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in manifest.Entries)
        {
            if (entry is null) return "it has an empty entry";
            if (entry.Path is null) return "an entry has no path";
            if (entry.Before == FolderSwap.BeforeState)
            {
                // recreate's kept folder: only this environment's own hidden sibling, and only as the journal's one entry.
                if (entry.Operation != RepairJournal.FolderSwapOperation || manifest.Entries.Count != 1) return $"{entry.Path} is a folder entry outside a folder swap";
                if (Failure(() => FolderSwap.CheckSibling(environmentRoot, entry.Path)) is { } siblingProblem) return siblingProblem;
                continue;
            }
            if (Path.IsPathRooted(entry.Path))
            {
                if (!WorkspaceSettings.IsSettingsPath(entry.Path)) return $"{entry.Path} is outside the environment";
                if (Failure(() => WorkspaceSettings.Check(entry.Path)) is { } settingsProblem) return settingsProblem;
                settingsFolders.Add(Path.GetDirectoryName(entry.Path)!);
            }
            else if (InsideProblem(scope, environmentRoot, entry.Path) is { } problem) return problem;
            switch (entry.Before)
            {
                case "file":
                    if (entry.Saved is null || !SavedPattern().IsMatch(entry.Saved)) return $"the saved copy of {entry.Path} is not one of its originals";
                    if (!PosixFiles.Lstat(Path.Combine(journalFolder, entry.Saved)).IsFile) return $"the saved copy of {entry.Path} is missing or not a regular file";
                    break;
                case "link":
                    if (string.IsNullOrEmpty(entry.LinkTarget) || entry.LinkTarget.Contains('\0')) return $"the link target of {entry.Path} is empty or invalid";
                    break;
                case "absent":
                    break;
                default:
                    return $"{entry.Path} has an unknown state '{entry.Before}'";
            }
        }
        foreach (var created in manifest.CreatedFolders)
        {
            if (created is null) return "a created folder has no path";
            if (Path.IsPathRooted(created))
            {
                if (!settingsFolders.Contains(created)) return $"{created} is outside the environment";
            }
            else if (InsideProblem(scope, environmentRoot, created) is { } problem) return problem;
        }
        return null;
    }

    private static string? InsideProblem(RepairScope scope, string root, string relative)
    {
        if (relative.Length == 0 || relative.Contains('\0')) return "an entry has an empty or invalid path";
        if (relative.Split('/').Any(part => part is "" or "." or ".."))
            return $"{relative} is not a plain relative path inside the environment";
        return Failure(() => scope.Check(Path.Combine(root, relative)));
    }

    private static string? Failure(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (RepairException e) { return e.Message; }
    }

    [GeneratedRegex("^originals/[0-9]{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex SavedPattern();
}
