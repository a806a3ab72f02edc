namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// Where the <see cref="JournalStore"/> keeps this user's state. The host decides (read once at start-up; the CLI and
/// <c>serve</c> take <c>$VENV_DOCTOR_STATE_DIR</c>, see <see cref="ForUser"/>); Core never reads the environment for it.
/// </summary>
public sealed record JournalStoreOptions(string StateFolder)
{
    /// <summary>
    /// The documented location (docs/protocol.md): <paramref name="stateDir"/> (<c>$VENV_DOCTOR_STATE_DIR</c>) when
    /// set, else <c>$XDG_STATE_HOME/venv-doctor</c>, else <c>~/.local/state/venv-doctor</c>.
    /// </summary>
    public static JournalStoreOptions ForUser(string? stateDir, string? xdgStateHome, string home)
    {
        if (!string.IsNullOrEmpty(stateDir)) return new(Path.GetFullPath(stateDir));
        var baseDir = !string.IsNullOrEmpty(xdgStateHome) ? xdgStateHome : Path.Combine(home, ".local", "state");
        return new(Path.Combine(Path.GetFullPath(baseDir), "venv-doctor"));
    }
}
