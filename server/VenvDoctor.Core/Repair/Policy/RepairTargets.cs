using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Repair.Policy;

/// <summary>
/// Which folders a repair request may name, checked by real path (symlinks resolved) so a workspace cannot point
/// a repair elsewhere with a link: the environment and a <c>repoint-interpreter</c> workspace folder must be inside
/// one of the allowed roots — the client's workspace folders, or, from the command line or a folder the user picked,
/// the folder the user named. Both the CLI and the RPC handlers go through <see cref="RepairService"/>, which calls this.
/// </summary>
public static class RepairTargets
{
    /// <summary>Throws <see cref="RepairException"/> unless <paramref name="path"/> resolves inside one of <paramref name="roots"/>.</summary>
    /// <param name="roots">The allowed roots; null when the user named the path directly (it is then its own root).</param>
    public static void CheckInside(string path, IReadOnlyList<string>? roots, string what)
    {
        if (roots is null) return;
        var real = RealOrFull(path);
        foreach (var root in roots)
        {
            var r = RealOrFull(root);
            if (real == r || Anatomy.Paths.IsUnder(real, r)) return;
        }
        throw new OutsideAllowedRootsException($"Refusing to repair: the {what} {path} resolves to {real}, outside the workspace folders; send userChosen: true if the user picked it.");
    }

    /// <summary>The workspace folder for settings: the one given (inside the roots) or the environment's parent.</summary>
    public static string WorkspaceFolderFor(string environment, string? workspaceFolder, IReadOnlyList<string>? roots)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspaceFolder ?? Path.GetDirectoryName(environment)!));
        CheckInside(folder, roots, "workspace folder");
        return folder;
    }

    private static string RealOrFull(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return PathResolver.RealPath(full) ?? full;
    }
}

/// <summary>The target of a request is outside the folders it may be in (the RPC layer reports it as invalid params).</summary>
public sealed class OutsideAllowedRootsException(string message) : RepairException(message);
