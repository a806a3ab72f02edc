using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>Builds finding <c>data</c> dictionaries: evidence keys are the same in every rule.</summary>
public static class Evidence
{
    /// <summary>file, line and (for text records) format of where a path was recorded.</summary>
    public static Dictionary<string, string> Of(RecordedPath p, Dictionary<string, string>? data = null)
    {
        data ??= new Dictionary<string, string>(StringComparer.Ordinal);
        data["file"] = p.File;
        if (p.Line > 0) data["line"] = p.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        data["format"] = p.Format;
        return data;
    }

    public static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The evidence of a recorded location (moved, copied): the first record, both paths, how many records say so.</summary>
    public static Dictionary<string, string> OfLocation(RecordedLocation location, DiagnosisContext context)
    {
        var data = Of(location.Evidence[0]);
        data["recordedPath"] = location.Location;
        data["currentPath"] = context.Candidate.Path;
        data["records"] = Count(location.Evidence.Count);
        return data;
    }
}
