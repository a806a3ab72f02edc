using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Diagnosis.Native;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>library-missing</c>: a compiled module needs a shared library (ELF <c>DT_NEEDED</c>) that the loader would not
/// find (see <see cref="LibrarySearch"/> for where it looks), so importing it fails with "cannot open shared object
/// file". Libraries the environment bundles are followed too (a module needing <c>pkg.libs/libA</c> that needs a
/// missing <c>libB</c> fails the same way). One finding per missing library. Only files this host can load are checked.
/// </summary>
public sealed class LibraryMissingRule : IDiagnosisRule
{
    public string Code => FindingCodes.LibraryMissing;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        if (context.Facts.SitePackages.Count == 0) yield break;
        var native = context.Native;
        var search = new LibrarySearch(native.Host, context.Caches.Loader.Current(), native.Found.Bundled, native.BaseLibFolders(), context.Caches.Headers);
        var missing = new Dictionary<string, (List<string> Needers, IReadOnlyList<string> Searched)>(StringComparer.Ordinal);
        var queue = new Queue<(string Path, BinaryHeader Header)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in native.Files)
            if (f.File.IsModule && f.Header is { Dynamic: not null } h && native.Host.WhyForeign(h) is null && visited.Add(f.File.Path))
                queue.Enqueue((f.File.Path, h));
        while (queue.TryDequeue(out var item))
            foreach (var soname in item.Header.Dynamic!.Needed)
            {
                var found = search.Find(item.Path, item.Header.Dynamic, soname, out var searched);
                if (found is null)
                {
                    if (!missing.TryGetValue(soname, out var entry)) missing[soname] = entry = ([], searched);
                    entry.Needers.Add(item.Path);
                }
                // A library the environment bundles may itself need one that is gone: follow it (each once).
                else if (Paths.IsUnder(found, native.Facts.Path) && visited.Add(found) && context.Caches.Headers.Get(found) is { Dynamic: not null } lib)
                    queue.Enqueue((found, lib));
            }
        foreach (var (library, (needers, searched)) in missing.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var files = needers.Select(n => (Path: n, Detail: native.OwnerName(n))).ToList();
            var data = BinaryEvidence.Of(native, files, detailKey: null);
            var distributions = files.Select(f => f.Detail).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            data["library"] = library;
            data["distributions"] = string.Join(", ", distributions);
            data["searched"] = string.Join('\n', searched);
            var provider = KnownLibraryProviders.PackageFor(library);
            if (provider is not null) data["provider"] = provider;
            var whose = distributions.Count == 1 ? BinaryEvidence.Whose(distributions[0]) : $"of {string.Join(", ", distributions)}";
            yield return new Finding(Code, Severity.Warning,
                $"{BinaryEvidence.Capitalise(BinaryEvidence.Describe(native, files))} {whose} need{(files.Count == 1 ? "s" : "")} {library}, which the loader would not find "
                + $"(looked in its RUNPATH, {LoaderCache.DefaultPath} and the system folders): importing fails with \"cannot open shared object file\". "
                + (provider is not null ? $"{library} is provided by the {provider} package: install it with this environment's pip. "
                   : "Install the system package that provides it, or reinstall the distribution if it bundles it. ")
                + "(A library found through LD_LIBRARY_PATH at run time cannot be seen from the files.)", data);
        }
    }
}
