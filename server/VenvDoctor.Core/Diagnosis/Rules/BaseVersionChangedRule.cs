using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>base-version-changed</c>: the venv's own parts agree on X.Y, but every interpreter link now reaches another
/// X.Y — a symlinked prefix (Homebrew's <c>python@3</c>, a "current" link) was re-pointed by an upgrade. Told from the
/// resolved target's name / patchlevel.h, never by running it. A Windows venv on a Windows host: the
/// <c>pythonXY.dll</c> in its <c>home</c> folder names another X.Y (a base folder reused by another version).
/// </summary>
public sealed class BaseVersionChangedRule : IDiagnosisRule
{
    public string Code => FindingCodes.BaseVersionChanged;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        if (context.Facts.Layout == EnvironmentLayout.Windows && Host.IsWindows)
        {
            if (WindowsDllChanged(context) is { } changed) yield return changed;
            yield break;
        }
        var v = VersionEvidence.Of(context);
        if (v.Disagrees || v.OwnMinor is not { } recorded) yield break;
        var reached = v.DistinctLinkMinors;
        if (reached.Count != 1 || reached[0] == recorded) yield break;
        var main = context.Facts.Interpreter;
        var link = v.LinkMinors.FirstOrDefault(l => main is not null && l.Link == Path.GetFileName(main.Path));
        if (link.Link is null) link = v.LinkMinors[0];
        yield return new Finding(Code, Severity.Error,
            $"The base Python changed from {recorded} to {reached[0]}: this environment's packages (in lib/python{recorded}) are invisible to it.",
            new Dictionary<string, string>
            {
                ["file"] = Path.Combine(context.Facts.ScriptsFolder ?? context.Facts.Path, link.Link),
                ["target"] = link.Target,
                ["recordedVersion"] = context.Facts.Config?.Version ?? recorded,
                ["currentVersion"] = reached[0],
            });
    }

    /// <summary>The base's <c>pythonXY.dll</c> is another X.Y than pyvenv.cfg's version; null when it agrees or cannot be told.</summary>
    private Finding? WindowsDllChanged(DiagnosisContext context)
    {
        if (context.RecordedMinor is not { } recorded || context.Facts.Config?.Home is not { } home || !Path.IsPathRooted(home)) return null;
        if (WindowsBase.Read(home) is not { DllMinor: { } current, DllFile: { } dll } || current == recorded) return null;
        return new Finding(Code, Severity.Error,
            $"The base Python changed from {recorded} to {current} ({Path.GetFileName(dll)} in {home}): this environment's packages (in Lib\\site-packages, built for {recorded}) do not fit it.",
            new Dictionary<string, string>
            {
                ["file"] = dll,
                ["home"] = home,
                ["recordedVersion"] = context.Facts.Config?.Version ?? recorded,
                ["currentVersion"] = current,
            });
    }
}
