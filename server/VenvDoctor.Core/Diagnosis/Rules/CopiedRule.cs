using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>copied</c>: the files record another location where an environment still lives — this one is a copy, and its
/// console scripts run the original's interpreter (installs land in the original).
/// </summary>
public sealed class CopiedRule : IDiagnosisRule
{
    public string Code => FindingCodes.Copied;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        foreach (var location in context.RecordedLocations)
        {
            if (context.IsSelf(location.Location) || !context.IsEnvironment(location.Location)) continue;
            yield return new Finding(Code, Severity.Error,
                $"This environment is a copy of {location.Location}: its scripts (pip, activate) run that environment's Python, so installs land there.",
                Evidence.OfLocation(location, context));
        }
    }
}
