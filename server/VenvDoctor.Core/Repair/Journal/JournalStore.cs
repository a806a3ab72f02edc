namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// This user's journal state, in one private folder (<see cref="JournalStoreOptions.StateFolder"/>): the journals
/// the tool wrote (<see cref="Registry"/>), the journals open right now (<see cref="Pending"/>) and the
/// per-environment locks (<see cref="LockEnvironment"/>). One instance per process, injected wherever journals are
/// written, trusted or settled; tests give each test its own. A folder of it is created, 0700 and checked to be a
/// real folder, the first time something is written there, once per process; reading never creates anything.
/// </summary>
public sealed class JournalStore
{
    private readonly HashSet<string> created = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public JournalStore(JournalStoreOptions options)
    {
        Root = Path.GetFullPath(options.StateFolder);
        Registry = new JournalRegistry(this);
        Pending = new PendingJournals(this);
    }

    /// <summary>The state folder.</summary>
    public string Root { get; }

    internal JournalRegistry Registry { get; }

    internal PendingJournals Pending { get; }

    /// <summary>Takes the environment's lock (<see cref="EnvironmentLock"/>) or throws when another repair holds it.</summary>
    public EnvironmentLock LockEnvironment(string environmentPath) => EnvironmentLock.Acquire(WritableFolder("locks"), environmentPath);

    /// <summary>
    /// Where the journals of a settings file's edits live (<see cref="InterpreterSettingService"/>): such an edit has no
    /// environment folder, so its journal is kept here, one private folder per settings file (named by a hash of its
    /// full path). Null when it does not exist and <paramref name="create"/> is false: reading creates nothing.
    /// </summary>
    public string? SettingsJournalHome(string settingsFile, bool create)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Anatomy.Paths.Full(settingsFile))));
        if (!create)
        {
            var existing = Path.Combine(Folder(SettingsFolder), hash[..32]);
            return PosixFiles.Lstat(existing).IsDirectory ? existing : null;
        }
        var home = Path.Combine(WritableFolder(SettingsFolder), hash[..32]);
        PrivateFolder.Create(home);
        return home;
    }

    private const string SettingsFolder = "settings";

    /// <summary>A sub-folder to read: its path only (it may not exist).</summary>
    internal string Folder(string name) => Path.Combine(Root, name);

    /// <summary>A sub-folder to write in: created private (the state folder too) the first time this process asks.</summary>
    internal string WritableFolder(string name)
    {
        var sub = Folder(name);
        lock (gate)
        {
            if (created.Contains(name)) return sub;
            // A failure (a planted symlink) is not remembered: the next write checks again.
            PrivateFolder.Create(Root);
            PrivateFolder.Create(sub);
            created.Add(name);
        }
        return sub;
    }
}
