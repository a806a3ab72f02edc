using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>base-version-changed</c>: the venv's own parts agree on X.Y, but every interpreter link now reaches another
/// X.Y — a symlinked prefix (Homebrew's <c>python@3</c>, a "current" link) was re-pointed by an upgrade. Told from the
/// resolved target's name / patchlevel.h, never by running it.
/// </summary>
public sealed class BaseVersionChangedRule : IDiagnosisRule
{
    public string Code => FindingCodes.BaseVersionChanged;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var v = VersionEvidence.Of(context);
        if (v.Disagrees || v.OwnMinor is not { } recorded) yield break;
        var reached = v.DistinctLinkMinors;
        if (reached.Count != 1 || reached[0] == recorded) yield break;
        var main = context.Facts.Interpreter;
        var link = v.LinkMinors.FirstOrDefault(l => main is not null && l.Link == Path.GetFileName(main.Path));
        if (link.Link is null) link = v.LinkMinors[0];
        yield return new Finding(Code, Severity.Error,
            $"The base Python changed from {recorded} to {reached[0]}: this environment's packages (in lib/python{recorded}) are invisible to it.",
            new Dictionary<string, string>
            {
                ["file"] = Path.Combine(context.Facts.ScriptsFolder ?? context.Facts.Path, link.Link),
                ["target"] = link.Target,
                ["recordedVersion"] = context.Facts.Config?.Version ?? recorded,
                ["currentVersion"] = reached[0],
            });
    }
}
