using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Native;

namespace VenvDoctor.Core.Diagnosis.Native;

/// <summary>A library no search found: the files that need it and the places tried (the finding's evidence).</summary>
public sealed record MissingLibrary(List<string> Needers, IReadOnlyList<string> Searched);

/// <summary>
/// The libraries the environment's compiled modules need that its loader would not find, by loader: glibc's for ELF
/// (<see cref="LibrarySearch"/>), dyld's for Mach-O (<see cref="DyldSearch"/>). Libraries the environment bundles are
/// followed too (a module needing <c>pkg.libs/libA</c> that needs a missing <c>libB</c> fails the same way), each once,
/// so a loop of libraries that need each other ends. Only files the environment's interpreter can load are checked.
/// </summary>
public static class MissingLibraries
{
    /// <summary>ELF <c>DT_NEEDED</c> entries the glibc loader would not find, keyed by soname.</summary>
    public static Dictionary<string, MissingLibrary> Elf(DiagnosisContext context)
    {
        var native = context.Native;
        var search = new LibrarySearch(native.Host, context.Caches.Loader.Current(), native.Found.Bundled, native.BaseLibFolders(), context.Caches.Headers);
        var missing = new Dictionary<string, MissingLibrary>(StringComparer.Ordinal);
        var queue = new Queue<(string Path, BinaryHeader Header)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in native.Files)
            if (f.File.IsModule && f.Header is { Dynamic: not null } h && native.Host.WhyForeign(h) is null && visited.Add(f.File.Path))
                queue.Enqueue((f.File.Path, h));
        while (queue.TryDequeue(out var item))
            foreach (var soname in item.Header.Dynamic!.Needed)
            {
                var found = search.Find(item.Path, item.Header.Dynamic, soname, out var searched);
                if (found is null) Add(missing, soname, item.Path, searched);
                else if (Paths.IsUnder(found, native.Facts.Path) && visited.Add(found) && context.Caches.Headers.Get(found) is { Dynamic: not null } lib)
                    queue.Enqueue((found, lib));
            }
        return missing;
    }

    /// <summary>
    /// Mach-O load commands (<c>LC_LOAD_DYLIB</c>, <c>LC_REEXPORT_DYLIB</c>) dyld would not resolve, keyed by the name as
    /// written (<c>@rpath/libfoo.dylib</c>). Weak libraries (<c>LC_LOAD_WEAK_DYLIB</c>) may be missing: dyld binds them to null.
    /// A file whose slice for the interpreter's CPU cannot be read is left to other rules.
    /// </summary>
    public static Dictionary<string, MissingLibrary> MachO(DiagnosisContext context)
    {
        var native = context.Native;
        var executable = native.Facts.Copied?.Path ?? native.Facts.Interpreter?.RealTarget;
        var search = new DyldSearch(native.Host, executable, context.Caches.Headers);
        var missing = new Dictionary<string, MissingLibrary>(StringComparer.Ordinal);
        var queue = new Queue<(string Path, MachOImage Image, IReadOnlyList<string> RunPaths)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in native.Files)
            if (f.File.IsModule && f.Header?.MachO?.For(native.Host.Machine) is { } image && visited.Add(f.File.Path))
                queue.Enqueue((f.File.Path, image, search.RunPathsOf(f.File.Path, image, [])));
        while (queue.TryDequeue(out var item))
            foreach (var dylib in item.Image.Dylibs)
            {
                var answer = search.Find(item.Path, item.RunPaths, dylib.Name);
                if (!answer.Found)
                {
                    if (dylib.Kind != DylibKind.Weak) Add(missing, dylib.Name, item.Path, answer.Searched);
                }
                // A library the environment bundles is followed with the run paths of the images that loaded it.
                else if (answer.Path is { } found && Paths.IsUnder(found, native.Facts.Path) && visited.Add(found)
                         && context.Caches.Headers.Get(found)?.MachO?.For(native.Host.Machine) is { } lib)
                    queue.Enqueue((found, lib, search.RunPathsOf(found, lib, item.RunPaths)));
            }
        return missing;
    }

    private static void Add(Dictionary<string, MissingLibrary> missing, string library, string needer, IReadOnlyList<string> searched)
    {
        if (!missing.TryGetValue(library, out var entry)) missing[library] = entry = new MissingLibrary([], searched);
        entry.Needers.Add(needer);
    }
}
