using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary><c>patch-drift</c> (info): the base's patch version (patchlevel.h) differs from the recorded one, same X.Y. Harmless.</summary>
public sealed class PatchDriftRule : IDiagnosisRule
{
    public string Code => FindingCodes.PatchDrift;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var facts = context.Facts;
        if (facts.Config?.Version is not { } recorded || recorded.Split('.').Length < 3) yield break;
        var minor = facts.Config.Minor!;
        string? basePatch = null;
        if (facts.Interpreter is { IsLink: true, Base: { } b } && b.Minor == minor) basePatch = b.PatchVersion;
        else if (facts.Interpreter is { IsLink: false } && BaseLocation.FromHome(facts.Config.Home) is { Prefix: { } prefix, HomeExists: true })
            basePatch = BaseFiles.PatchLevel(prefix, minor);
        if (basePatch is null || basePatch == recorded) yield break;
        yield return new Finding(Code, Severity.Info,
            $"The base Python is now {basePatch} while the environment was made with {recorded}; same {minor}, so nothing breaks.",
            new Dictionary<string, string> { ["file"] = facts.Config.File, ["recordedVersion"] = recorded, ["baseVersion"] = basePatch });
    }
}
