namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>Where dyld found a library an image needs (<see cref="Path"/>), or why it is not looked for on disk.</summary>
/// <param name="Path">The file found; null when it is missing, or when <see cref="Unknowable"/>.</param>
/// <param name="Searched">Every place tried, in dyld's order (for the finding's evidence).</param>
/// <param name="SharedCache">A system library: on macOS 11 and later it lives only in the dyld shared cache, so it is present by definition.</param>
/// <param name="Unknowable">Nothing on disk decides it (a relative name, resolved against the working directory at run time).</param>
public sealed record DyldAnswer(string? Path, IReadOnlyList<string> Searched, bool SharedCache = false, bool Unknowable = false)
{
    public bool Found => Path is not null || SharedCache || Unknowable;
}

/// <summary>
/// Finds the library a Mach-O load command names the way dyld would (<c>man dyld</c>), from files only:
/// <list type="bullet">
/// <item><c>@rpath/NAME</c>: each <c>LC_RPATH</c> of the image, then of the images that loaded it (an extension module, for
/// a library it bundles), then of the executable (the base interpreter), in that order;</item>
/// <item><c>@loader_path/NAME</c>: the folder of the image that names it; <c>@executable_path/NAME</c>: the base
/// interpreter's folder (the process's executable is <c>bin/python</c>'s real target);</item>
/// <item>an absolute path as written, then its leaf name in <c>/usr/local/lib</c> (dyld's fallback folder outside the
/// system's own); <c>/usr/lib/…</c> and <c>/System/Library/…</c> are in the shared cache from macOS 11 on and never on disk,
/// so they count as present.</item>
/// </list>
/// A run path that itself starts with <c>@rpath</c> is skipped, as dyld skips it (it would be a loop). A candidate must be a
/// Mach-O with a slice for the interpreter's CPU (dyld goes on past others). <c>DYLD_LIBRARY_PATH</c> and friends are
/// run-time settings no file shows.
/// </summary>
public sealed class DyldSearch(HostPlatform host, string? executable, BinaryHeaderCache headers)
{
    /// <summary>Run paths an image names beyond this many are not searched (a real image names a handful).</summary>
    public const int MaxRunPaths = 256;

    /// <summary>The run paths the executable contributes, expanded (read once, from its header).</summary>
    private readonly Lazy<IReadOnlyList<string>> executableRunPaths = new(() =>
        executable is not null && headers.Get(executable)?.MachO?.For(host.Machine) is { } image
            ? Expand(image.RPaths.Take(MaxRunPaths), Path.GetDirectoryName(executable)!, Path.GetDirectoryName(executable)).ToList() : []);

    /// <summary>
    /// Where <paramref name="name"/>, needed by the image at <paramref name="loaderPath"/>, is found.
    /// <paramref name="runPaths"/>: the image's own run paths then its loaders', expanded (<see cref="RunPathsOf"/>).
    /// </summary>
    public DyldAnswer Find(string loaderPath, IReadOnlyList<string> runPaths, string name)
    {
        var loaderFolder = Path.GetDirectoryName(loaderPath)!;
        var executableFolder = executable is null ? null : Path.GetDirectoryName(executable);
        var tried = new List<string>();
        if (name.StartsWith("@rpath/", StringComparison.Ordinal))
        {
            var rest = name["@rpath/".Length..];
            foreach (var dir in runPaths.Concat(executableRunPaths.Value).Distinct(StringComparer.Ordinal))
                if (Candidate(Path.Combine(dir, rest), tried) is { } hit) return new DyldAnswer(hit, tried);
            return new DyldAnswer(null, tried);
        }
        if (name.StartsWith("@loader_path/", StringComparison.Ordinal))
            return new DyldAnswer(Candidate(Path.Combine(loaderFolder, name["@loader_path/".Length..]), tried), tried);
        if (name.StartsWith("@executable_path/", StringComparison.Ordinal))
            return executableFolder is null ? new DyldAnswer(null, ["@executable_path (the base interpreter is not known)"], Unknowable: true)
                : new DyldAnswer(Candidate(Path.Combine(executableFolder, name["@executable_path/".Length..]), tried), tried);
        if (!name.StartsWith('/')) return new DyldAnswer(null, [name], Unknowable: true);
        if (IsSharedCache(name)) return new DyldAnswer(null, ["the dyld shared cache"], SharedCache: true);
        if (Candidate(name, tried) is { } found) return new DyldAnswer(found, tried);
        return new DyldAnswer(Candidate(Path.Combine(FallbackFolder, Path.GetFileName(name)), tried), tried);
    }

    /// <summary>An image's run paths with <c>@loader_path</c> and <c>@executable_path</c> expanded, then the inherited ones.</summary>
    public IReadOnlyList<string> RunPathsOf(string imagePath, MachOImage image, IReadOnlyList<string> inherited) =>
        Expand(image.RPaths.Take(MaxRunPaths), Path.GetDirectoryName(imagePath)!, executable is null ? null : Path.GetDirectoryName(executable))
            .Concat(inherited).Distinct(StringComparer.Ordinal).Take(MaxRunPaths).ToList();

    /// <summary>dyld's fallback folder for a library missing at its absolute path (after <c>$HOME/lib</c>, a user's setting we do not read).</summary>
    public const string FallbackFolder = "/usr/local/lib";

    /// <summary>Apple's libraries: in the shared cache (macOS 11+), not on disk; <c>/usr/lib</c> is sealed, so only Apple's are there.</summary>
    public static bool IsSharedCache(string path) =>
        path.StartsWith("/usr/lib/", StringComparison.Ordinal) || path.StartsWith("/System/Library/", StringComparison.Ordinal);

    private static IEnumerable<string> Expand(IEnumerable<string> rpaths, string loaderFolder, string? executableFolder)
    {
        foreach (var rpath in rpaths)
        {
            // dyld does not expand @rpath inside a run path; a relative one depends on the working directory.
            if (rpath.StartsWith("@rpath", StringComparison.Ordinal)) continue;
            string? expanded = rpath.StartsWith("@loader_path", StringComparison.Ordinal) ? loaderFolder + rpath["@loader_path".Length..]
                : rpath.StartsWith("@executable_path", StringComparison.Ordinal) ? (executableFolder is null ? null : executableFolder + rpath["@executable_path".Length..])
                : rpath.StartsWith('/') ? rpath : null;
            if (expanded is not null) yield return Path.GetFullPath(expanded);
        }
    }

    private string? Candidate(string path, List<string> tried)
    {
        try
        {
            var full = Path.GetFullPath(path);
            tried.Add(full);
            return headers.Get(full) is { Format: BinaryFormat.MachO } h && host.WhyForeign(h) is null ? full : null;
        }
        // A name no file system accepts (too long, a character the OS refuses) is a file that is not there.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }
}
