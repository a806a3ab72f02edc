using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary><c>home-missing</c>: pyvenv.cfg <c>home</c> does not exist, though the interpreter still resolves.</summary>
public sealed class HomeMissingRule : IDiagnosisRule
{
    public string Code => FindingCodes.HomeMissing;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var facts = context.Facts;
        if (facts.Config?.Entry("home") is not { } home || !Path.IsPathRooted(home.Value) || PlatformPaths.IsForeign(home.Value)) yield break;
        if (Directory.Exists(home.Value)) yield break;
        // Only when the interpreter still works through its link; otherwise base-missing says it better.
        if (facts.Interpreter is not { IsLink: true, Dangling: false, Base.StdlibPresent: true } interpreter) yield break;
        yield return new Finding(Code, Severity.Warning,
            $"pyvenv.cfg's home ({home.Value}) does not exist; Python still starts through {Path.GetFileName(interpreter.Path)}, but tools that read home (venv --upgrade, IDEs) are misled.",
            new Dictionary<string, string>
            {
                ["file"] = facts.Config.File,
                ["line"] = Evidence.Count(home.Line),
                ["home"] = home.Value,
                ["interpreterTarget"] = interpreter.RealTarget!,
            });
    }
}
