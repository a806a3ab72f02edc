namespace VenvDoctor.Core.Settings;

/// <summary>
/// What is written as <c>python.defaultInterpreterPath</c> for an interpreter. On Windows an interpreter inside the
/// settings file's workspace folder is written relative to it, <c>${workspaceFolder}\.venv\Scripts\python.exe</c>:
/// a Windows path carries the user's name (<c>C:\Users\alice\…</c>) and a drive letter, so an absolute one in a
/// shared <c>.vscode/settings.json</c> is wrong on every other machine, and VS Code expands the variable itself.
/// Elsewhere, and outside the folder, the absolute path, as before (what the Python extension itself writes).
/// <see cref="SettingVariables.Expand"/> reads either back to the same interpreter.
/// </summary>
public static class SettingValue
{
    public const string WorkspaceFolderVariable = "${workspaceFolder}";

    /// <param name="workspaceFolder">The folder whose <c>.vscode/settings.json</c> is written, or null for a <c>*.code-workspace</c> (several folders: no one <c>${workspaceFolder}</c>).</param>
    public static string For(string interpreter, string? workspaceFolder, SettingPathStyle style)
    {
        if (style != SettingPathStyle.Windows || workspaceFolder is null) return interpreter;
        return style.Below(interpreter, workspaceFolder) is { } below ? WorkspaceFolderVariable + style.Separator + below : interpreter;
    }
}
