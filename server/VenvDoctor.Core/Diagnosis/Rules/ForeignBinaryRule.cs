using VenvDoctor.Core.Diagnosis.Native;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>foreign-binary</c>: compiled modules or bundled libraries whose header (not name) says the environment's
/// interpreter cannot load them: Mach-O or PE files on Linux (a venv synced from a Mac, a wheel for Windows), another
/// CPU (an aarch64 wheel on x86_64), musl-linked files on glibc. One finding per distribution.
/// </summary>
public sealed class ForeignBinaryRule : IDiagnosisRule
{
    public string Code => FindingCodes.ForeignBinary;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        if (context.Facts.SitePackages.Count == 0) yield break;
        var native = context.Native;
        var foreign = native.Files
            .Where(f => f.Header is not null && native.Host.WhyForeign(f.Header) is not null)
            .Select(f => (f.File.Path, Detail: f.Header!.Describe()));
        foreach (var group in BinaryEvidence.ByDistribution(native, foreign, f => f.Path))
        {
            var files = group.ToList();
            var data = BinaryEvidence.Of(native, files, "formats");
            data["distribution"] = group.Key;
            data["expected"] = native.Host.Describe();
            var formats = string.Join(", ", files.Select(f => f.Detail).Distinct());
            yield return new Finding(Code, Severity.Error,
                $"{BinaryEvidence.Capitalise(BinaryEvidence.Describe(native, files, "compiled file"))} {BinaryEvidence.Whose(group.Key)} {(files.Count == 1 ? "is" : "are")} {formats}, "
                + $"which this {native.Host.Describe()} Python cannot load: importing {(files.Count == 1 ? "it" : "them")} fails. "
                + (group.Key == NativeBinaries.Unknown ? "Recreate the environment on this machine." : $"Reinstall {group.Key} with this environment's pip."), data);
        }
    }
}
