namespace VenvDoctor.Core.Repair;

/// <summary>
/// A repair, fully decided before anything is written: the environment, the action, every edit, and notes about
/// what will not be changed (binary launchers, packages that cannot be reinstalled...). A plan with no edits is
/// valid (nothing to do). <see cref="SettingsFile"/> is the one file outside the environment a plan may edit
/// (a <c>.vscode/settings.json</c> or <c>*.code-workspace</c>: repoint-interpreter and <see cref="InterpreterSettingService"/>; for
/// the latter <see cref="EnvironmentPath"/> is the journal's home in the state folder, there being no environment); recreate's folder swap, which renames the environment to
/// its hidden sibling, is checked apart (<see cref="Journal.FolderSwap"/>). <see cref="Left"/> names every file the
/// action would have changed but leaves as it is, with the reason: a result that hides one would call an environment
/// repaired while that file still names the old place.
/// </summary>
public sealed record RepairPlan(string EnvironmentPath, string Action, string Title, IReadOnlyList<FileEdit> Edits, IReadOnlyList<string> Notes)
{
    public string? SettingsFile { get; init; }

    /// <summary>Files the repair leaves as they are although they record what it changes (see <see cref="LeftFile"/>).</summary>
    public IReadOnlyList<LeftFile> Left { get; init; } = [];

    public bool IsEmpty => Edits.Count == 0;
}

/// <summary>
/// A file a repair leaves as it was, and why (a symlink never written through, a file name that is not UTF-8, a
/// file over the size a repair edits, not UTF-8 text...). <see cref="Path"/> is for display: a name that is not
/// UTF-8 shows its bytes as <c>\xNN</c>.
/// </summary>
public sealed record LeftFile(string Path, string Reason);

/// <summary>A step of a running repair, for the CLI progress line and RPC <c>$/progress</c>.</summary>
public sealed record RepairProgress(string Message, int? Percentage);

/// <summary>A plan could not be made or applied; the message is for the user.</summary>
public class RepairException(string message, Exception? inner = null) : Exception(message, inner);
