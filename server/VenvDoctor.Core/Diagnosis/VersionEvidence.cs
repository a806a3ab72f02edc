namespace VenvDoctor.Core.Diagnosis;

/// <summary>
/// The X.Y each part of an environment claims: pyvenv.cfg, its lib/pythonX.Y folders, and the bases its
/// interpreter links reach (from the resolved target's name or patchlevel.h, never by running it).
/// </summary>
public sealed record VersionEvidence(string? ConfigMinor, IReadOnlyList<string> LibMinors, IReadOnlyList<(string Link, string Target, string Minor)> LinkMinors)
{
    public static VersionEvidence Of(DiagnosisContext context)
    {
        var facts = context.Facts;
        var links = facts.Interpreters
            .Where(i => i.IsLink && i.Base?.Minor is not null)
            .Select(i => (Path.GetFileName(i.Path), i.RealTarget!, i.Base!.Minor!))
            .ToList();
        return new VersionEvidence(facts.Config?.Minor, facts.LibMinors.Distinct().ToList(), links);
    }

    public IReadOnlyList<string> DistinctLinkMinors => LinkMinors.Select(l => l.Minor).Distinct().ToList();

    /// <summary>The venv's own parts (pyvenv.cfg, lib folders) agree on one X.Y; null when they do not or say nothing.</summary>
    public string? OwnMinor
    {
        get
        {
            var own = LibMinors.Concat(ConfigMinor is null ? [] : [ConfigMinor]).Distinct().ToList();
            return own.Count == 1 ? own[0] : null;
        }
    }

    /// <summary>The venv's parts disagree among themselves (not merely with one re-pointed base).</summary>
    public bool Disagrees =>
        LibMinors.Count > 1
        || (ConfigMinor is not null && LibMinors.Count == 1 && LibMinors[0] != ConfigMinor)
        || DistinctLinkMinors.Count > 1;

    public string Describe() =>
        $"pyvenv.cfg {ConfigMinor ?? "?"}; lib/ {(LibMinors.Count == 0 ? "none" : string.Join(", ", LibMinors.Select(m => "python" + m)))}; links "
        + (LinkMinors.Count == 0 ? "none" : string.Join(", ", LinkMinors.Select(l => $"{l.Link} → {l.Minor}")));
}
