using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Repair.Policy;

/// <summary>
/// The settings files a repair may edit outside an environment: a workspace root's <c>.vscode/settings.json</c> and
/// a <c>*.code-workspace</c> file (besides the tool's own journal store and recreate's kept sibling, which are not
/// workspace files). The folders come from the workspace, so <c>.vscode</c> must be a real folder and the file a
/// regular one (or, for settings.json, absent): a symlinked <c>.vscode</c> would otherwise carry the write into
/// another folder. Which of them a request may name is <see cref="CheckDeclared"/>'s rule.
/// </summary>
public static class WorkspaceSettings
{
    /// <summary>The extension of a multi-root workspace file, whose <c>settings</c> object holds the setting.</summary>
    public const string WorkspaceFileExtension = ".code-workspace";

    /// <summary>True when the path names a <c>.vscode/settings.json</c> or a <c>*.code-workspace</c> (checked further by <see cref="Check"/>).</summary>
    public static bool IsSettingsPath(string path) => IsFolderSettings(path) || IsWorkspaceFile(path);

    /// <summary>A folder's <c>.vscode/settings.json</c>.</summary>
    public static bool IsFolderSettings(string path) =>
        Path.IsPathFullyQualified(path) && Path.GetFileName(path) == "settings.json" && Path.GetFileName(Path.GetDirectoryName(path)) == ".vscode";

    /// <summary>A <c>*.code-workspace</c> file (settings live under its <c>settings</c> member).</summary>
    public static bool IsWorkspaceFile(string path) =>
        Path.IsPathFullyQualified(path) && path.EndsWith(WorkspaceFileExtension, StringComparison.Ordinal) && Path.GetFileName(path).Length > WorkspaceFileExtension.Length;

    /// <summary>The settings file of <paramref name="folder"/>, checked; throws <see cref="RepairException"/> when it may not be written.</summary>
    public static string SettingsFileIn(string folder)
    {
        var settings = Path.Combine(Paths.Full(folder), ".vscode", "settings.json");
        Check(settings);
        return settings;
    }

    /// <summary>
    /// Throws <see cref="OutsideAllowedRootsException"/> unless a request may name <paramref name="settingsFile"/>:
    /// a <c>.vscode/settings.json</c> whose folder is, by real path, one of <paramref name="roots"/> (the workspace
    /// roots the client declared), or a <c>*.code-workspace</c> the client named itself (the editor's own workspace
    /// file). Never a path a workspace chose: nothing read from a workspace reaches this as a file to write.
    /// </summary>
    /// <param name="roots">The declared roots; null when the user named the file (the command line).</param>
    public static void CheckDeclared(string settingsFile, IReadOnlyList<string>? roots)
    {
        if (!IsSettingsPath(settingsFile))
            throw new RepairException($"Refusing to write {settingsFile}: only a workspace root's .vscode/settings.json or a .code-workspace file holds the interpreter setting.");
        if (roots is null || IsWorkspaceFile(settingsFile)) return;
        var folder = Path.GetDirectoryName(Path.GetDirectoryName(Paths.Full(settingsFile)))!;
        var real = PathResolver.RealPath(folder) ?? folder;
        if (roots.Any(r => (PathResolver.RealPath(Paths.Full(r)) ?? Paths.Full(r)) == real)) return;
        throw new OutsideAllowedRootsException($"Refusing to write {settingsFile}: {folder} resolves to {real}, which is not a workspace folder; send userChosen: true if the user picked it.");
    }

    /// <summary>Throws unless the path is a settings file whose folder chain is not followed out through a symlink.</summary>
    public static void Check(string settingsFile)
    {
        if (IsWorkspaceFile(settingsFile))
        {
            CheckWorkspaceFile(settingsFile);
            return;
        }
        if (!IsFolderSettings(settingsFile))
            throw new RepairException($"Refusing to write {settingsFile}: only a folder's .vscode/settings.json or a .code-workspace file may be edited outside an environment.");
        var vscode = Path.GetDirectoryName(settingsFile)!;
        var folder = Path.GetDirectoryName(vscode)!;
        var vscodeStatus = PosixFiles.Lstat(vscode);
        if (vscodeStatus.IsLink) throw new RepairException($"Refusing to write {settingsFile}: {vscode} is a symlink, and settings are never written through one.");
        if (vscodeStatus.Exists && !vscodeStatus.IsDirectory) throw new RepairException($"Refusing to write {settingsFile}: {vscode} is not a folder.");
        CheckFile(settingsFile);
        if (!Directory.Exists(folder)) throw new RepairException($"Refusing to write {settingsFile}: {folder} does not exist.");
    }

    /// <summary>A workspace file is edited, never created: it must be there, a regular file, not a link.</summary>
    private static void CheckWorkspaceFile(string file)
    {
        if (!PosixFiles.Lstat(file).Exists) throw new RepairException($"Refusing to write {file}: it does not exist (a workspace file is edited, never created).");
        CheckFile(file);
    }

    private static void CheckFile(string file)
    {
        var status = PosixFiles.Lstat(file);
        if (status.IsLink) throw new RepairException($"Refusing to write {file}: it is a symlink, and settings are never written through one.");
        if (status.Exists && !status.IsFile) throw new RepairException($"Refusing to write {file}: it is not a regular file.");
    }
}
