// POSIX modes are the point here; on other hosts the folders are created with the platform's defaults.
#pragma warning disable CA1416
namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// The tool's own per-user state (the pending index, the list of journals this user wrote, the per-environment
/// locks). It is what makes a journal trusted, so every folder in it is private to the user (0700) and must be
/// a real folder owned by us, not a symlink someone planted.
/// </summary>
public static class StateFolder
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary><c>$VENV_DOCTOR_STATE_DIR</c>, else <c>$XDG_STATE_HOME/venv-doctor</c>, else <c>~/.local/state/venv-doctor</c>.</summary>
    public static string Root
    {
        get
        {
            var own = Environment.GetEnvironmentVariable("VENV_DOCTOR_STATE_DIR");
            if (!string.IsNullOrEmpty(own)) return Path.GetFullPath(own);
            var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            var baseDir = !string.IsNullOrEmpty(xdg) ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            return Path.Combine(Path.GetFullPath(baseDir), "venv-doctor");
        }
    }

    /// <summary>A sub-folder of the state folder, created 0700 (the state folder too) and checked to be a real folder.</summary>
    public static string Sub(string name)
    {
        var root = Root;
        CreatePrivate(root);
        var sub = Path.Combine(root, name);
        CreatePrivate(sub);
        return sub;
    }

    /// <summary>Creates a folder 0700; an existing one must be a real folder (not a symlink), and is narrowed to 0700.</summary>
    public static void CreatePrivate(string folder)
    {
        var status = PosixFiles.Lstat(folder);
        if (status.IsLink) throw new RepairException($"{folder} is a symlink; the tool's state and journal folders must be real folders.");
        if (!status.Exists)
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, Private);
            return;
        }
        if (!status.IsDirectory) throw new RepairException($"{folder} is not a folder.");
        if (!OperatingSystem.IsWindows() && (status.Mode & ~Private) != 0 && PosixFiles.IsOurs((status.Uid, status.Gid)))
            File.SetUnixFileMode(folder, Private);
    }
}
