using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>editable-stale</c>: an editable install points at a source folder that does not exist (moved or deleted), or
/// at a setuptools strict-mode link tree that exists but whose links still point into the project's old folder.
/// Strict findings carry <c>editableMode: strict</c>: their link tree lives in the project, so only a reinstall fixes them.
/// </summary>
public sealed class EditableStaleRule : IDiagnosisRule
{
    public const string EditableModeKey = "editableMode";
    public const string StrictMode = "strict";

    public string Code => FindingCodes.EditableStale;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var e in context.Facts.Editables)
        {
            var path = e.Path.Value;
            if (!Path.IsPathRooted(path)) continue;
            var strict = EditableLinkTree.IsLinkTreePath(path);
            if (File.Exists(path)) continue;
            if (Directory.Exists(path))
            {
                if (!strict || EditableLinkTree.Inspect(path) is not { IsStale: true, DanglingRoot: { } oldProject } tree) continue;
                if (!seen.Add((e.Distribution, oldProject))) continue;
                var stale = Data(e, oldProject);
                stale["linkTree"] = path;
                stale["danglingLinks"] = Evidence.Count(tree.Dangling);
                yield return new Finding(Code, Severity.Warning,
                    $"The editable install of {e.Distribution} (setuptools strict mode) uses the link tree {path}, whose links still point at the old project folder {oldProject}: "
                    + $"importing it finds nothing. Reinstall it from the project's new folder with pip install -e and --config-settings editable_mode=strict.", stale);
                continue;
            }
            if (!seen.Add((e.Distribution, path))) continue;
            var data = Data(e, path);
            yield return new Finding(Code, Severity.Warning, strict
                ? $"The editable install of {e.Distribution} (setuptools strict mode) uses the link tree {path}, which does not exist: importing it fails. Reinstall it from the project's new folder with pip install -e and --config-settings editable_mode=strict."
                : $"The editable install of {e.Distribution} points at {path}, which does not exist: importing it fails.", data);
        }
    }

    private static Dictionary<string, string> Data(EditableInstall e, string recordedPath)
    {
        var data = Evidence.Of(e.Path);
        data["recordedPath"] = recordedPath;
        data["distribution"] = e.Distribution;
        if (EditableLinkTree.IsLinkTreePath(e.Path.Value)) data[EditableModeKey] = StrictMode;
        return data;
    }
}
