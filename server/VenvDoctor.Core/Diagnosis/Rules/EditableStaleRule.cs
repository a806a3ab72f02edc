using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary><c>editable-stale</c>: an editable install points at a source folder that does not exist (moved or deleted).</summary>
public sealed class EditableStaleRule : IDiagnosisRule
{
    public string Code => FindingCodes.EditableStale;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var e in context.Facts.Editables)
        {
            var path = e.Path.Value;
            if (!Path.IsPathRooted(path) || Directory.Exists(path) || File.Exists(path)) continue;
            if (!seen.Add((e.Distribution, path))) continue;
            var data = Evidence.Of(e.Path);
            data["recordedPath"] = path;
            data["distribution"] = e.Distribution;
            yield return new Finding(Code, Severity.Warning,
                $"The editable install of {e.Distribution} points at {path}, which does not exist: importing it fails.", data);
        }
    }
}
