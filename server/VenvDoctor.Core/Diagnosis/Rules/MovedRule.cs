using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>moved</c>: the files record another location (activation scripts, console-script shebangs, pyvenv.cfg
/// <c>command</c>) and no environment lives there now. Reaching the environment through a symlinked folder is not a
/// move: locations are compared by real path.
/// </summary>
public sealed class MovedRule : IDiagnosisRule
{
    public string Code => FindingCodes.Moved;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        foreach (var location in context.RecordedLocations)
        {
            if (context.IsSelf(location.Location) || context.IsEnvironment(location.Location)) continue;
            yield return new Finding(Code, Severity.Error,
                $"This environment was moved from {location.Location}: its scripts (pip, activate) still point at the old place and fail or run another Python.",
                Evidence.OfLocation(location, context));
        }
    }
}
