using System.Text;
using VenvDoctor.Core.Repair.Policy;
using VenvDoctor.Core.Settings;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// The edit that sets <c>python.defaultInterpreterPath</c> in one settings file: a folder's
/// <c>.vscode/settings.json</c> (top level; created when missing) or a <c>*.code-workspace</c> file (its
/// <c>settings</c> object). The one place such an edit is decided, for repoint-interpreter and for
/// <see cref="InterpreterSettingService"/> alike; <see cref="JsoncEdit"/> makes the minimal text change.
/// </summary>
public static class InterpreterSettingFile
{
    public const string SettingKey = "python.defaultInterpreterPath";

    /// <summary>
    /// The edit, or null when the file already names <paramref name="interpreter"/>. The file is checked
    /// (<see cref="WorkspaceSettings.Check"/>) first. The value is <see cref="SettingValue.For"/>'s: on Windows an
    /// interpreter inside the file's folder is written as <c>${workspaceFolder}\…</c>.
    /// </summary>
    public static FileEdit? Edit(string settingsFile, string interpreter)
    {
        WorkspaceSettings.Check(settingsFile);
        var workspaceFile = WorkspaceSettings.IsWorkspaceFile(settingsFile);
        var folder = workspaceFile ? null : Path.GetDirectoryName(Path.GetDirectoryName(settingsFile));
        interpreter = SettingValue.For(interpreter, folder, SettingPathStyle.ForHost);
        if (!File.Exists(settingsFile))
        {
            var created = JsoncEdit.SetTopLevelString("", SettingKey, interpreter);
            return new FileEdit(EditOperation.CreateFile, settingsFile, $"create it with {SettingKey}")
                { After = created, NewContent = Encoding.UTF8.GetBytes(created), Mode = (UnixFileMode)0b110_100_100 };
        }
        var file = TextFile.TryRead(settingsFile) ?? throw new RepairException($"{settingsFile} is not a UTF-8 text file.");
        var updated = workspaceFile
            ? JsoncEdit.SetWorkspaceSettingString(file.Text, SettingKey, interpreter)
            : JsoncEdit.SetTopLevelString(file.Text, SettingKey, interpreter);
        if (updated == file.Text) return null;
        return new FileEdit(EditOperation.WriteFile, settingsFile, $"set {SettingKey}") { Before = file.Text, After = updated, NewContent = file.Encode(updated) };
    }

    /// <summary>A plan of that one edit, journaled in <paramref name="journalRoot"/> (empty when there is nothing to change).</summary>
    public static RepairPlan Plan(string journalRoot, string action, string settingsFile, string interpreter) =>
        Edit(settingsFile, interpreter) is { } edit
            ? new RepairPlan(journalRoot, action, $"Point {settingsFile} at {interpreter}", [edit], []) { SettingsFile = settingsFile }
            : new RepairPlan(journalRoot, action, $"{settingsFile} already points at {interpreter}", [], []) { SettingsFile = settingsFile };
}
