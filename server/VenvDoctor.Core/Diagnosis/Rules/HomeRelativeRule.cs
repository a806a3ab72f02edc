using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary><c>home-relative</c>: pyvenv.cfg <c>home</c> is a relative path (it then depends on the current folder).</summary>
public sealed class HomeRelativeRule : IDiagnosisRule
{
    public string Code => FindingCodes.HomeRelative;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        if (context.Facts.Config?.Entry("home") is not { Value.Length: > 0 } home) yield break;
        if (Path.IsPathRooted(home.Value) || PlatformPaths.IsWindowsStyle(home.Value)) yield break;
        yield return new Finding(Code, Severity.Warning,
            $"pyvenv.cfg's home ({home.Value}) is a relative path, so where Python looks for its base depends on the current folder.",
            new Dictionary<string, string> { ["file"] = context.Facts.Config.File, ["line"] = Evidence.Count(home.Line), ["home"] = home.Value });
    }
}
