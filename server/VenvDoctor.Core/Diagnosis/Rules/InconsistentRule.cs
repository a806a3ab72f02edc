using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>inconsistent</c>: the environment's parts disagree on X.Y — pyvenv.cfg, its lib/pythonX.Y folders, the bases its
/// interpreter links reach. Typical after <c>python3.12 -m venv --upgrade</c> on a 3.11 venv, which rewrites
/// pyvenv.cfg but keeps the old links and packages.
/// </summary>
public sealed class InconsistentRule : IDiagnosisRule
{
    public string Code => FindingCodes.Inconsistent;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var v = VersionEvidence.Of(context);
        if (!v.Disagrees) yield break;
        var data = new Dictionary<string, string> { ["versions"] = v.Describe() };
        if (v.ConfigMinor is not null) data["recordedVersion"] = context.Facts.Config!.Version ?? v.ConfigMinor;
        if (v.LibMinors.Count > 0) data["libVersions"] = string.Join(",", v.LibMinors);
        if (v.LinkMinors.Count > 0) data["interpreterVersions"] = string.Join(",", v.DistinctLinkMinors);
        if (context.Facts.Config is not null) data["file"] = context.Facts.Config.File;
        yield return new Finding(Code, Severity.Error,
            $"The parts of this environment disagree on the Python version ({v.Describe()}): it was half-upgraded.", data);
    }
}
