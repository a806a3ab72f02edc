using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>interpreter-link-missing</c>: a name the environment's creator puts in bin/ (<c>python</c>, <c>python3</c>,
/// <c>python3.X</c>; <see cref="InterpreterNames"/>) is missing, or leads to one that is, while the environment's
/// own interpreter or its base is still there. An error when <c>python</c> is among them (editors and most scripts
/// run <c>bin/python</c>), else a warning. A base that is gone is base-missing, not this.
/// </summary>
public sealed class InterpreterLinkMissingRule : IDiagnosisRule
{
    public string Code => FindingCodes.InterpreterLinkMissing;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var facts = context.Facts;
        if (InterpreterNames.Of(facts) is not { HasGaps: true, Restorable: true } names) yield break;
        var broken = names.Broken.Select(b => Path.GetFileName(b.Path)).ToList();
        var all = names.Missing.Concat(broken).ToList();
        var severity = all.Any(n => n is "python" or "python.exe") ? Severity.Error : Severity.Warning;
        string Shown(IEnumerable<string> list) => string.Join(", ", list.Select(n => Path.GetRelativePath(facts.Path, Path.Combine(facts.ScriptsFolder!, n))));
        var them = names.Missing.Count == 1 ? "it" : "them";
        var leading = broken.Count == 0 ? "" : $" ({Shown(broken)} lead{(broken.Count == 1 ? "s" : "")} to {(names.Missing.Count == 0 ? "a missing name" : them)} and fail{(broken.Count == 1 ? "s" : "")})";
        var message = names.Missing.Count > 0
            ? $"{Shown(names.Missing)} {(names.Missing.Count == 1 ? "is" : "are")} missing{leading}: the environment's creator made {them}, and editors and scripts run {them} by name."
            : $"{Shown(broken)} lead{(broken.Count == 1 ? "s" : "")} to a name missing from {Path.GetFileName(facts.ScriptsFolder)}/ and fail{(broken.Count == 1 ? "s" : "")}.";
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["file"] = Path.Combine(facts.ScriptsFolder!, all[0]),
            ["names"] = string.Join(",", all),
            ["interpreter"] = names.AnchorPresent ? Path.Combine(facts.ScriptsFolder!, names.AnchorName) : names.BaseTarget!,
        };
        if (names.Missing.Count > 0) data["missing"] = string.Join(",", names.Missing);
        if (broken.Count > 0) data["dangling"] = string.Join(",", broken);
        yield return new Finding(Code, severity, message, data);
    }
}
