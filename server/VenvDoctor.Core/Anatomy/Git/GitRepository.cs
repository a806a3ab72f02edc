using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Discovery.FileSystem;

namespace VenvDoctor.Core.Anatomy.Git;

/// <summary>
/// The git repository whose work tree holds a folder, found as git finds it — without running git, which would run
/// whatever the repository's own configuration names (<c>core.fsmonitor</c>, hooks): only files are read.
/// <see cref="WorkTree"/> is the folder holding <c>.git</c>; <see cref="GitDir"/> the repository's folder for that
/// work tree (for a linked worktree or a submodule, where its <c>.git</c> file's <c>gitdir:</c> leads), which holds
/// its <c>index</c>; <see cref="CommonDir"/> the folder shared by all its worktrees (<c>config</c>, objects).
/// </summary>
public sealed record GitRepository(string WorkTree, string GitDir, string CommonDir, int HashSize)
{
    public const int Sha1Size = 20, Sha256Size = 32;

    /// <summary>git's index for this work tree.</summary>
    public string IndexPath => Path.Combine(GitDir, "index");

    /// <summary>
    /// The repository holding <paramref name="realFolder"/> (a real path): the nearest folder, from it upward, with a
    /// <c>.git</c> folder (holding <c>HEAD</c>) or a <c>.git</c> file saying <c>gitdir: PATH</c>. Like git, the walk
    /// stops at a file-system boundary (git's default without <c>GIT_DISCOVERY_ACROSS_FILESYSTEM</c>) and does not
    /// stop at the workspace root: a folder opened inside a repository is still in it. The variables that point git
    /// elsewhere (<c>GIT_DIR</c>, <c>GIT_CEILING_DIRECTORIES</c>) and <c>core.worktree</c> are the user's shell's
    /// business and are not read. Null when there is none; <paramref name="note"/> says why a <c>.git</c> found was
    /// not followed (a <c>.git</c> file that does not say <c>gitdir:</c>, or leads nowhere).
    /// </summary>
    public static GitRepository? Find(string realFolder, out string? note)
    {
        note = null;
        var device = DeviceOf(realFolder);
        for (var folder = realFolder; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (device is not null && DeviceOf(folder) is { } here && here != device) return null;
            var dotGit = Path.Combine(folder, ".git");
            if (Directory.Exists(dotGit))
            {
                if (File.Exists(Path.Combine(dotGit, "HEAD"))) return Open(folder, dotGit);
                continue; // git skips a .git folder that is not a repository and looks further up
            }
            if (File.Exists(dotGit)) return FromGitFile(folder, dotGit, out note);
        }
        return null;
    }

    /// <summary>A <c>.git</c> file (a linked worktree, a submodule): its one line <c>gitdir: PATH</c>, relative to its folder.</summary>
    private static GitRepository? FromGitFile(string folder, string dotGit, out string? note)
    {
        var read = WorkspaceFile.ReadPrefix(dotGit, FileKind.GitFile, 64 * 1024);
        var line = read.Text?.Split('\n')[0].TrimEnd('\r');
        if (line is null || !line.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            note = read.Ok ? $"{dotGit} does not say \"gitdir:\"" : read.Message;
            return null;
        }
        var target = line["gitdir:".Length..].Trim();
        var gitDir = PathResolver.RealPath(Path.IsPathRooted(target) ? target : Path.Combine(folder, target));
        if (gitDir is null || !Directory.Exists(gitDir))
        {
            note = $"{dotGit} leads to {target}, which is not a folder";
            return null;
        }
        note = null;
        return Open(folder, gitDir);
    }

    private static GitRepository Open(string workTree, string gitDir)
    {
        var common = WorkspaceFile.ReadPrefix(Path.Combine(gitDir, "commondir"), FileKind.GitFile, 64 * 1024).Text?.Trim();
        var commonDir = string.IsNullOrEmpty(common) ? gitDir
            : PathResolver.RealPath(Path.IsPathRooted(common) ? common : Path.Combine(gitDir, common)) ?? gitDir;
        return new GitRepository(workTree, gitDir, commonDir, ObjectHashSize(commonDir));
    }

    /// <summary>
    /// 32 bytes when the repository's config says <c>[extensions] objectFormat = sha256</c>, else SHA-1's 20: the index
    /// stores one object id per entry, so its layout depends on it. A minimal reading of git's config syntax: sections,
    /// keys case-insensitive, <c>#</c>/<c>;</c> comments; includes are not followed (git requires the setting in the
    /// repository's own config).
    /// </summary>
    private static int ObjectHashSize(string commonDir)
    {
        var text = WorkspaceFile.Read(Path.Combine(commonDir, "config"), FileKind.GitFile).Text;
        if (text is null) return Sha1Size;
        var section = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('[')) section = line.Trim('[', ']').Trim().ToLowerInvariant();
            else if (section == "extensions" && line.Split('=', 2) is [var key, var value]
                && key.Trim().Equals("objectformat", StringComparison.OrdinalIgnoreCase))
                return value.Split('#', ';')[0].Trim().Equals("sha256", StringComparison.OrdinalIgnoreCase) ? Sha256Size : Sha1Size;
        }
        return Sha1Size;
    }

    private static ulong? DeviceOf(string folder) =>
        FileStatus.Query(folder, followLinks: true, out var info) == FileStatus.Outcome.Found ? info.Device : null;
}
