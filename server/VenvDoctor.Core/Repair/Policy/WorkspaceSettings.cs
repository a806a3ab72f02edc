using VenvDoctor.Core.Repair.Journal;

namespace VenvDoctor.Core.Repair.Policy;

/// <summary>
/// The one file outside an environment a repair's plan may edit: a workspace folder's <c>.vscode/settings.json</c>
/// (besides the tool's own journal store and recreate's kept sibling, which are not workspace files).
/// The folder comes from the workspace, so <c>.vscode</c> must be a real folder and <c>settings.json</c> a regular
/// file (or absent): a symlinked <c>.vscode</c> would otherwise carry the write into another folder.
/// </summary>
public static class WorkspaceSettings
{
    /// <summary>True when the path names a <c>.vscode/settings.json</c> (checked further by <see cref="Check"/>).</summary>
    public static bool IsSettingsPath(string path) =>
        Path.IsPathFullyQualified(path) && Path.GetFileName(path) == "settings.json" && Path.GetFileName(Path.GetDirectoryName(path)) == ".vscode";

    /// <summary>The settings file of <paramref name="folder"/>, checked; throws <see cref="RepairException"/> when it may not be written.</summary>
    public static string SettingsFileIn(string folder)
    {
        var settings = Path.Combine(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)), ".vscode", "settings.json");
        Check(settings);
        return settings;
    }

    /// <summary>Throws unless the path is a settings file whose folder chain is not followed out through a symlink.</summary>
    public static void Check(string settingsFile)
    {
        if (!IsSettingsPath(settingsFile))
            throw new RepairException($"Refusing to write {settingsFile}: only a folder's .vscode/settings.json may be edited outside an environment.");
        var vscode = Path.GetDirectoryName(settingsFile)!;
        var folder = Path.GetDirectoryName(vscode)!;
        var vscodeStatus = PosixFiles.Lstat(vscode);
        if (vscodeStatus.IsLink) throw new RepairException($"Refusing to write {settingsFile}: {vscode} is a symlink, and settings are never written through one.");
        if (vscodeStatus.Exists && !vscodeStatus.IsDirectory) throw new RepairException($"Refusing to write {settingsFile}: {vscode} is not a folder.");
        var fileStatus = PosixFiles.Lstat(settingsFile);
        if (fileStatus.IsLink) throw new RepairException($"Refusing to write {settingsFile}: it is a symlink, and settings are never written through one.");
        if (fileStatus.Exists && !fileStatus.IsFile) throw new RepairException($"Refusing to write {settingsFile}: it is not a regular file.");
        if (!Directory.Exists(folder)) throw new RepairException($"Refusing to write {settingsFile}: {folder} does not exist.");
    }
}
