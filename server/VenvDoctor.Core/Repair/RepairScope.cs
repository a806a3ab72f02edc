namespace VenvDoctor.Core.Repair;

/// <summary>
/// The only places a repair may write: inside the environment (never inside its own journal folder), plus the
/// one settings file a plan names (<see cref="Policy.WorkspaceSettings"/>). For a settings edit outside any
/// environment the "environment" is the journal's home in the state folder, which the plan itself never writes. Checked by the engine for every edit, so no action can forget it.
/// A path is inside when its folder, with symlinks resolved, is inside the environment's real folder: the last
/// component is replaced by rename and never followed, so <c>bin/python -> /usr/bin/python3</c> may be re-pointed
/// but never written through.
/// </summary>
public sealed class RepairScope
{
    private readonly string root;
    private readonly string realRoot;
    private readonly string? settingsFile;
    // A relocate checks thousands of files in a handful of folders: resolve each folder once.
    private readonly Dictionary<string, string> realFolders = new(StringComparer.Ordinal);

    public RepairScope(string environmentPath, string? settingsFile = null)
    {
        root = Anatomy.Paths.Full(environmentPath);
        realRoot = RealPath(root);
        if (settingsFile is not null)
        {
            var full = Path.GetFullPath(settingsFile);
            // The only outside file any action needs; refuse anything else so a bad plan cannot widen the scope.
            Policy.WorkspaceSettings.Check(full);
            this.settingsFile = full;
        }
    }

    public string Root => root;

    /// <summary>Throws <see cref="RepairException"/> unless <paramref name="path"/> may be written.</summary>
    public void Check(string path)
    {
        var full = Path.GetFullPath(path);
        if (settingsFile is not null && full == settingsFile) return;
        if (!Anatomy.Paths.IsUnder(full, root))
            throw new RepairException($"Refusing to write {full}: it is outside the environment {root}.");
        var rel = Path.GetRelativePath(root, full);
        if (Anatomy.Paths.IsUnderOrEqual(rel, JournalFolderName))
            throw new RepairException($"Refusing to write {full}: it is the repair journal.");
        var parent = Path.GetDirectoryName(full)!;
        var existing = parent;
        while (!Directory.Exists(existing) && !File.Exists(existing)) existing = Path.GetDirectoryName(existing)!;
        if (!realFolders.TryGetValue(existing, out var realParent)) realFolders[existing] = realParent = RealPath(existing);
        if (!Anatomy.Paths.IsUnderOrEqual(realParent, realRoot))
            throw new RepairException($"Refusing to write {full}: its folder resolves to {realParent}, outside the environment.");
    }

    /// <summary>The engine's own folder inside each environment (journals). Never part of a plan.</summary>
    public const string JournalFolderName = ".venv-doctor";

    /// <summary>Resolves every symlink in an existing path (the folder chain and the last component).</summary>
    internal static string RealPath(string path) =>
        Anatomy.PathResolver.RealPath(path) ?? throw new RepairException($"Cannot resolve {path} (missing, or a symlink loop).");
}
