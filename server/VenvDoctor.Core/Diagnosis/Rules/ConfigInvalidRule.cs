using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary><c>config-invalid</c>: pyvenv.cfg is unreadable, garbled, or has no <c>home</c>.</summary>
public sealed class ConfigInvalidRule : IDiagnosisRule
{
    public string Code => FindingCodes.ConfigInvalid;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        if (context.Facts.Config is not { } config) yield break;
        if (config.Errors.Count > 0)
        {
            var first = config.Errors[0];
            var data = new Dictionary<string, string> { ["file"] = config.File, ["error"] = first.Message, ["errors"] = Evidence.Count(config.Errors.Count) };
            if (first.Line > 0) data["line"] = Evidence.Count(first.Line);
            yield return new Finding(Code, Severity.Error, $"pyvenv.cfg cannot be read: {first.Message}.", data);
        }
        else if (config.Home is null)
        {
            yield return new Finding(Code, Severity.Error, "pyvenv.cfg has no 'home' line, so Python cannot find the base interpreter's standard library.",
                new Dictionary<string, string> { ["file"] = config.File, ["error"] = "no home key" });
        }
    }
}
