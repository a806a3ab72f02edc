namespace VenvDoctor.Core.Anatomy.Files;

/// <summary>
/// What a file read from a workspace, an environment or the machine is, for the one purpose of bounding its read:
/// each kind has a cap (<see cref="FileCaps"/>) well above what any real file of that kind holds and far below what
/// would hurt the process. docs/protocol.md §6 lists the same table.
/// </summary>
public enum FileKind
{
    /// <summary><c>pyvenv.cfg</c>.</summary>
    PyvenvConfig,
    /// <summary>The first bytes of a file in bin/ (Scripts\): its shebang or launcher.</summary>
    ScriptHead,
    /// <summary><c>bin/activate</c>, <c>activate.csh</c>, <c>.fish</c>, <c>.nu</c>, <c>.bat</c>.</summary>
    ActivationScript,
    /// <summary><c>*.dist-info/RECORD</c>, <c>*.egg-info/installed-files.txt</c>.</summary>
    InstallRecord,
    /// <summary><c>METADATA</c>, <c>PKG-INFO</c>, <c>WHEEL</c>.</summary>
    DistributionMetadata,
    /// <summary><c>.pth</c>, <c>.egg-link</c> and setuptools' editable finder module.</summary>
    PathFile,
    /// <summary>PEP 610 <c>direct_url.json</c>.</summary>
    DirectUrl,
    /// <summary><c>.vscode/settings.json</c>, <c>*.code-workspace</c>.</summary>
    Settings,
    /// <summary>A base interpreter's <c>include/pythonX.Y/patchlevel.h</c>, read to learn its version.</summary>
    VersionHeader,
    /// <summary><c>/etc/ld.so.cache</c>.</summary>
    LoaderCache,
    /// <summary>A repair journal's <c>manifest.json</c>.</summary>
    JournalManifest,
    /// <summary>One entry of the state folder's journal indexes (pending, registry).</summary>
    JournalIndex,
    /// <summary>Any text file a repair rewrites (scripts, records, configs).</summary>
    EditedText,
    /// <summary><c>~/.conda/environments.txt</c>.</summary>
    CondaEnvironments,
    /// <summary>A kernel setting under <c>/proc/sys</c>.</summary>
    SystemSetting,
    /// <summary>
    /// git's index (<c>.git/index</c>, <c>sharedindex.*</c>): read as a stream (<see cref="WorkspaceFile.OpenSequential"/>),
    /// so its cap bounds the bytes read, never the bytes held (a buffer of 64 KiB and one path at a time).
    /// </summary>
    GitIndex,
    /// <summary>A small file of a git repository: a <c>.git</c> file (<c>gitdir:</c>), <c>commondir</c>, <c>config</c>, an environment's own <c>.gitignore</c>.</summary>
    GitFile,
}

/// <summary>The cap per <see cref="FileKind"/>: the most bytes of such a file ever held in memory.</summary>
public static class FileCaps
{
    private const int KiB = 1024, MiB = 1024 * KiB;

    public static int Of(FileKind kind) => kind switch
    {
        FileKind.PyvenvConfig => 64 * KiB,
        FileKind.ScriptHead => 16 * KiB,
        FileKind.ActivationScript => 1 * MiB,
        FileKind.InstallRecord => 16 * MiB,
        FileKind.DistributionMetadata => 4 * MiB,
        FileKind.PathFile => 1 * MiB,
        FileKind.DirectUrl => 64 * KiB,
        FileKind.Settings => 4 * MiB,
        FileKind.VersionHeader => 64 * KiB,
        FileKind.LoaderCache => 16 * MiB,
        FileKind.JournalManifest => 16 * MiB,
        FileKind.JournalIndex => 64 * KiB,
        FileKind.EditedText => 16 * MiB,
        FileKind.CondaEnvironments => 1 * MiB,
        FileKind.SystemSetting => 4 * KiB,
        FileKind.GitIndex => 1024 * MiB,
        FileKind.GitFile => 1 * MiB,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The cap as a person reads it: 64 KiB, 16 MiB.</summary>
    public static string Shown(FileKind kind)
    {
        var cap = Of(kind);
        return cap >= 1024 * MiB ? $"{cap / (1024 * MiB)} GiB" : cap >= MiB ? $"{cap / MiB} MiB" : $"{cap / KiB} KiB";
    }
}
