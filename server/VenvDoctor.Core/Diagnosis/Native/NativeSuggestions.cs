using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Diagnosis.Rules;
using VenvDoctor.Core.Display;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Policy;

namespace VenvDoctor.Core.Diagnosis.Native;

/// <summary>
/// The <c>reinstall-binaries</c> suggestion for the native findings: one, naming every distribution whose compiled
/// files are foreign or mis-tagged (and those whose bundled library is gone from the environment), with the exact pip
/// command. Names that are not valid PEP 508 names, or "unknown", are left out (recreate is offered for those).
/// </summary>
public static class NativeSuggestions
{
    public static Suggestion? Reinstall(DiagnosisContext context, IReadOnlyList<Finding> findings)
    {
        var names = new List<string>();
        foreach (var f in findings)
        {
            IEnumerable<string> of = f.Code switch
            {
                FindingCodes.ForeignBinary or FindingCodes.ExtensionAbiMismatch => [f.Data["distribution"]],
                // A missing library fixes itself by reinstalling only when it was to be found inside the environment.
                FindingCodes.LibraryMissing when f.Data["searched"].Split('\n').Any(d => Paths.IsUnder(d, context.Facts.Path))
                    => f.Data["distributions"].Split(", "),
                _ => [],
            };
            foreach (var name in of)
                if (name != NativeBinaries.Unknown && DistributionName.IsValid(name) && !names.Any(n => DistributionName.Same(n, name))) names.Add(name);
        }
        if (names.Count == 0) return null;
        var python = Path.Combine(context.Facts.Path, "bin", "python");
        var joined = string.Join(", ", names);
        return new Suggestion(RepairActions.ReinstallBinaries, $"Reinstall {joined} with this environment's pip (--force-reinstall --no-deps)", new Dictionary<string, string>
        {
            ["distribution"] = joined,
            ["command"] = CopyableCommand.Of([python, "-m", "pip", "install", "--force-reinstall", "--no-deps", "--", .. names]),
        });
    }
}
