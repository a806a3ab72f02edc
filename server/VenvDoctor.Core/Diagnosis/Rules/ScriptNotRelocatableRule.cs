using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>script-not-relocatable</c>: the environment is marked relocatable (pyvenv.cfg <c>relocatable = true</c>), but
/// console scripts in bin/ run its interpreter by an absolute path. pip knows nothing of the mark: every script it
/// installs after make-relocatable (or after uv made the venv, when pip rather than uv installs) names the
/// interpreter absolutely, and breaks when the environment moves. A warning, since the scripts work where the
/// environment is now; make-relocatable, run again, fixes them.
/// </summary>
public sealed class ScriptNotRelocatableRule : IDiagnosisRule
{
    private const int MaxListed = 50;

    public string Code => FindingCodes.ScriptNotRelocatable;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        if (context.Facts.Config is not { Relocatable: true }) yield break;
        var absolute = context.Facts.ConsoleScripts
            .Where(s => s.Interpreter is { } p && RecordedLocations.LocationOfInterpreter(p.Value) is { } location && context.IsSelf(location))
            .ToList();
        if (absolute.Count == 0) yield break;
        var first = absolute[0].Interpreter!;
        var data = Evidence.Of(first);
        data["scripts"] = string.Join('\n', absolute.Take(MaxListed).Select(s => Path.GetFileName(s.File)));
        data["count"] = Evidence.Count(absolute.Count);
        data["interpreter"] = first.Value;
        var names = string.Join(", ", absolute.Take(3).Select(s => Path.GetFileName(s.File))) + (absolute.Count > 3 ? ", …" : "");
        yield return new Finding(Code, Severity.Warning,
            $"This environment is relocatable, but {absolute.Count} console script{(absolute.Count == 1 ? "" : "s")} ({names}) installed later by pip run its interpreter by an absolute path and will fail when it moves.",
            data);
    }
}
