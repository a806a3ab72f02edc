using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>
/// Turns findings into repair suggestions, best first, each naming what the repair needs in <c>data</c>
/// (<c>from</c>/<c>to</c> for relocate, <c>base</c> = an installed base's executable for relink-base/recreate).
/// </summary>
public static class SuggestionPlanner
{
    public static IReadOnlyList<Suggestion> Plan(DiagnosisContext context, IReadOnlyList<Finding> findings)
    {
        var suggestions = new List<Suggestion>();
        void Add(string action, string title, Dictionary<string, string> data)
        {
            if (suggestions.Any(s => s.Action == action)) return;
            suggestions.Add(new Suggestion(action, title, data));
        }
        var path = context.Candidate.Path;
        foreach (var f in findings)
        {
            switch (f.Code)
            {
                case FindingCodes.Moved:
                    Add(RepairActions.Relocate, $"Update the paths recorded for {f.Data["recordedPath"]} to {path}",
                        new() { ["from"] = f.Data["recordedPath"], ["to"] = path });
                    break;
                case FindingCodes.Copied:
                    Add(RepairActions.MakeIndependent, $"Make this copy independent of {f.Data["recordedPath"]}",
                        new() { ["from"] = f.Data["recordedPath"], ["to"] = path });
                    break;
            }
        }
        return suggestions;
    }
}
