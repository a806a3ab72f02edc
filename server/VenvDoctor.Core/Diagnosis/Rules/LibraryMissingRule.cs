using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Diagnosis.Native;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>library-missing</c>: a compiled module needs a shared library that the loader would not find, so importing it
/// fails. On Linux the library is an ELF <c>DT_NEEDED</c> entry and the loader glibc's (see <see cref="LibrarySearch"/>;
/// "cannot open shared object file"); on macOS a Mach-O <c>LC_LOAD_DYLIB</c> and the loader dyld (see
/// <see cref="DyldSearch"/>; "Library not loaded"). One finding per missing library (<see cref="MissingLibraries"/>).
/// </summary>
/// <param name="machOLoader">Resolve Mach-O load commands: where Mach-O is the host's format (macOS). Elsewhere a Mach-O
/// environment cannot run at all, and what its loader would find there is no question to answer.</param>
public sealed class LibraryMissingRule(bool machOLoader) : IDiagnosisRule
{
    public LibraryMissingRule() : this(Host.IsMacOS) { }

    public string Code => FindingCodes.LibraryMissing;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        if (context.Facts.SitePackages.Count == 0) yield break;
        var native = context.Native;
        var dyld = native.Host.Format == BinaryFormat.MachO;
        if (dyld && !machOLoader) yield break;
        var missing = dyld ? MissingLibraries.MachO(context) : MissingLibraries.Elf(context);
        foreach (var (library, entry) in missing.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var files = entry.Needers.Select(n => (Path: n, Detail: native.OwnerName(n))).ToList();
            var data = BinaryEvidence.Of(native, files, detailKey: null);
            var distributions = files.Select(f => f.Detail).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            data["library"] = library;
            data["distributions"] = string.Join(", ", distributions);
            data["searched"] = string.Join('\n', entry.Searched);
            var provider = KnownLibraryProviders.PackageFor(library);
            if (provider is not null) data["provider"] = provider;
            var whose = distributions.Count == 1 ? BinaryEvidence.Whose(distributions[0]) : $"of {string.Join(", ", distributions)}";
            var needs = $"{BinaryEvidence.Capitalise(BinaryEvidence.Describe(native, files))} {whose} need{(files.Count == 1 ? "s" : "")} {library}, which the loader would not find ";
            yield return new Finding(Code, Severity.Warning, needs + (dyld
                ? "(looked where its LC_RPATH folders, @loader_path and @executable_path lead, and at the path as written): importing fails with \"Library not loaded\". "
                  + "Reinstall the distribution if it bundles it, or install the library it names. (A library found through DYLD_LIBRARY_PATH at run time cannot be seen from the files.)"
                : $"(looked in its RUNPATH, {LoaderCache.DefaultPath} and the system folders): importing fails with \"cannot open shared object file\". "
                  + (provider is not null ? $"{library} is provided by the {provider} package: install it with this environment's pip. "
                     : "Install the system package that provides it, or reinstall the distribution if it bundles it. ")
                  + "(A library found through LD_LIBRARY_PATH at run time cannot be seen from the files.)"), data);
        }
    }
}
