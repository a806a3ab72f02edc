using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>dangling-link</c>: a symlink inside the environment other than its main interpreter (e.g. <c>lib64</c>, or a
/// leftover <c>python3.X</c>) points at nothing. The main interpreter's dangling link is base-missing.
/// </summary>
public sealed class DanglingLinkRule : IDiagnosisRule
{
    public string Code => FindingCodes.DanglingLink;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var facts = context.Facts;
        var mainDangles = facts.Interpreter is { Dangling: true };
        // Interpreter names leading to a deleted name of bin/ are interpreter-link-missing, with their own repair.
        var restorable = Anatomy.InterpreterNames.Of(facts) is { Restorable: true } names ? names.Broken.Select(b => b.Path).ToHashSet(StringComparer.Ordinal) : [];
        var links = facts.InternalLinks.Where(l => l.Dangling).Select(l => (l.Path, l.Target))
            // When the main interpreter dangles, its siblings dangle for the same reason: one base-missing says it.
            .Concat(mainDangles ? [] : facts.Interpreters.Where(i => i.Dangling && !restorable.Contains(i.Path)).Select(i => (i.Path, Target: i.Target!)));
        foreach (var (path, target) in links)
            yield return new Finding(Code, Severity.Warning,
                $"{Path.GetRelativePath(facts.Path, path)} points at {target}, which does not exist.",
                new Dictionary<string, string> { ["file"] = path, ["target"] = target });
    }
}
