using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary><c>config-missing</c>: a venv layout (interpreter + lib/pythonX.Y/site-packages) without pyvenv.cfg.</summary>
public sealed class ConfigMissingRule : IDiagnosisRule
{
    public string Code => FindingCodes.ConfigMissing;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var facts = context.Facts;
        if (facts.Config is not null || facts.HasOrigPrefix) yield break;
        if (context.Candidate.Kind is EnvironmentKind.Conda or EnvironmentKind.LegacyVirtualenv or EnvironmentKind.Pyenv) yield break;
        if (facts.Interpreter is null || facts.SitePackages.Count == 0) yield break;
        var data = new Dictionary<string, string> { ["file"] = facts.ConfigPath, ["interpreter"] = facts.Interpreter.Path };
        if (facts.LibMinors.Count > 0) data["libVersions"] = string.Join(",", facts.LibMinors);
        yield return new Finding(Code, Severity.Error,
            "pyvenv.cfg is missing, so Python does not treat this folder as a virtual environment and ignores its packages.", data);
    }
}
