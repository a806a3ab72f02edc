using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Policy;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// repoint-interpreter: a folder's <c>.vscode/settings.json</c> names an interpreter that no longer exists (or the
/// user picked another environment). Writes <c>python.defaultInterpreterPath</c> = this environment's
/// <c>bin/python</c> by a minimal edit that keeps the file's comments, order and formatting. The settings file is
/// the one path outside the environment a plan may name; the engine allows nothing else.
/// </summary>
public sealed class RepointInterpreterAction : IRepairAction
{
    public const string SettingKey = InterpreterSettingFile.SettingKey;

    public string Name => RepairActions.RepointInterpreter;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentPath));
        var folder = RepairTargets.WorkspaceFolderFor(env, request.WorkspaceFolder, request.AllowedRoots);
        var settings = WorkspaceSettings.SettingsFileIn(folder);
        var interpreter = Path.Combine(env, Directory.Exists(Path.Combine(env, "Scripts")) && !Directory.Exists(Path.Combine(env, "bin")) ? "Scripts" : "bin",
            Directory.Exists(Path.Combine(env, "bin")) ? "python" : "python.exe");
        if (!File.Exists(interpreter)) throw new RepairException($"{interpreter} does not exist: repair the environment first.");
        return InterpreterSettingFile.Plan(env, Name, settings, interpreter);
    }
}
