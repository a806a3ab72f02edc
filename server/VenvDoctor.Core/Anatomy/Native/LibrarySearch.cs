namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>
/// Finds a needed library (<c>DT_NEEDED</c>) the way glibc's loader would (<c>man ld.so</c>), from files only: the
/// object's DT_RPATH (when it has no DT_RUNPATH) or DT_RUNPATH with <c>$ORIGIN</c> expanded, <c>/etc/ld.so.cache</c>,
/// then the default folders. A candidate must be a library this host can load (the loader skips others). Also found:
/// a library the base interpreter provides (<c>libpythonX.Y.so</c> in its lib/), and one in a folder a package keeps
/// its own libraries in (its package loads it first). <c>LD_LIBRARY_PATH</c> is a runtime setting no file shows.
/// Folder listings and answers are kept for the life of one search: many modules share one <c>.libs</c> folder and
/// one RUNPATH, and a torch-size environment asks thousands of times for the same few libraries.
/// </summary>
public sealed class LibrarySearch(HostPlatform host, LoaderCache cache, IReadOnlyDictionary<string, string> bundled, IReadOnlyList<string> baseLibFolders, BinaryHeaderCache headers)
{
    private readonly Dictionary<string, HashSet<string>?> listings = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Folders, string Soname), (string? Found, IReadOnlyList<string> Searched)> answers = [];

    /// <summary>Where <paramref name="soname"/> is found for <paramref name="file"/>, or null; <paramref name="searched"/> the folders tried.</summary>
    public string? Find(string file, ElfDynamicInfo dynamic, string soname, out IReadOnlyList<string> searched)
    {
        // Keyed by the object's folder and its raw search path: the same answer for every module beside it, found
        // without expanding $ORIGIN again for each.
        var raw = dynamic.RunPath.Count == 0 ? dynamic.RPath : dynamic.RunPath;
        var key = (Path.GetDirectoryName(file) + "\0" + string.Join(':', raw), soname);
        if (!answers.TryGetValue(key, out var answer)) answers[key] = answer = Search(ElfDynamic.SearchFolders(file, dynamic).ToList(), soname);
        searched = answer.Searched;
        return answer.Found;
    }

    private (string? Found, IReadOnlyList<string> Searched) Search(IReadOnlyList<string> own, string soname)
    {
        var tried = new List<string>();
        return (Find(own, soname, tried), tried);
    }

    private string? Find(IReadOnlyList<string> own, string soname, List<string> tried)
    {
        if (soname.Contains('/')) return File.Exists(soname) && Loadable(soname) ? soname : null;
        foreach (var dir in own)
        {
            tried.Add(dir);
            if (InFolder(dir, soname) is { } hit) return hit;
        }
        tried.Add(LoaderCache.DefaultPath);
        foreach (var path in cache.Lookup(soname))
            if (Loadable(path)) return path;
        foreach (var dir in ElfDynamic.SystemLibraryFolders)
        {
            tried.Add(dir);
            var candidate = Path.Combine(dir, soname);
            if (File.Exists(candidate) && Loadable(candidate)) return candidate;
        }
        if (soname.StartsWith("libpython", StringComparison.Ordinal))
            foreach (var dir in baseLibFolders)
            {
                tried.Add(dir);
                var candidate = Path.Combine(dir, soname);
                if (File.Exists(candidate)) return candidate;
            }
        return bundled.TryGetValue(soname, out var kept) && Loadable(kept) ? kept : null;
    }

    private string? InFolder(string dir, string soname)
    {
        if (!listings.TryGetValue(dir, out var names))
        {
            try { names = Directory.Exists(dir) ? Directory.EnumerateFileSystemEntries(dir).Select(p => Path.GetFileName(p)).ToHashSet(StringComparer.Ordinal) : null; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { names = null; }
            listings[dir] = names;
        }
        if (names is null || !names.Contains(soname)) return null;
        var path = Path.Combine(dir, soname);
        return Loadable(path) ? path : null;
    }

    private bool Loadable(string path) => headers.Get(path) is { } h && host.WhyForeign(h) is null;
}
