using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// make-relocatable: prevention rather than repair. Rewrites a working environment so that its next move needs no
/// repair, as uv's <c>--relocatable</c> makes one at creation: every activation script finds the environment from
/// its own place at run time (<see cref="SelfLocatingActivation"/>), every console script of the environment starts
/// the interpreter beside it (<see cref="SelfLocatingScripts"/>), absolute links inside the tree become relative,
/// and pyvenv.cfg says <c>relocatable = true</c> (its absolute <c>home</c>, the base interpreter, stays: a move of
/// the environment does not move the base). Binaries, scripts of other programs and links are listed in
/// <see cref="RepairPlan.Left"/> with the reason. Applying it twice changes nothing the second time.
/// </summary>
public sealed class MakeRelocatableAction : IRepairAction
{
    public string Name => RepairActions.MakeRelocatable;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Paths.Full(request.EnvironmentPath);
        if (!Directory.Exists(env)) throw new RepairException($"{env} does not exist.");
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        if (facts.Layout != EnvironmentLayout.Posix || facts.ScriptsFolder is null)
            throw new RepairException($"{env} has no bin/ folder: make-relocatable rewrites POSIX environments (a Windows layout's launchers are .exe copies; recreate it with uv venv --relocatable).");
        if (facts.Config is null)
            throw new RepairException($"{env} has no pyvenv.cfg: regenerate-config first, then make it relocatable.");
        var left = new List<LeftFile>();
        var edits = new List<FileEdit>();
        edits.AddRange(SelfLocatingActivation.Edits(facts, left, cancellationToken));
        edits.AddRange(SelfLocatingScripts.Edits(facts, OwnLocations(facts), left, cancellationToken));
        edits.AddRange(RelativeLinks(facts));
        if (ConfigEdit.Set(facts.ConfigPath, [("relocatable", "true")], "mark the environment relocatable (relocatable = true, as uv writes it)") is { } config)
            edits.Add(config);
        edits.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        List<string> notes =
        [
            $"pyvenv.cfg keeps its absolute home ({facts.Config.Home ?? "none"}): the base interpreter does not move with the environment.",
            "pip writes an absolute interpreter path into scripts it installs later: a scan reports them (script-not-relocatable) and make-relocatable fixes them again.",
        ];
        var title = edits.Count == 0
            ? $"Nothing to change: {env} is already relocatable"
            : $"Make {env} relocatable: its activation and console scripts will find it wherever it is moved";
        return new RepairPlan(env, Name, title, edits, notes) { Left = left };
    }

    /// <summary>
    /// Where this environment's own interpreter may be named: its folder, and the place its files say it was made
    /// (a venv already moved or copied, whose scripts still name the old place, is made relocatable just the same).
    /// </summary>
    private static IReadOnlyList<string> OwnLocations(EnvironmentFacts facts) =>
        RecordedLocations.Primary(facts) is { } recorded ? [facts.Path, recorded] : [facts.Path];

    /// <summary>Absolute links that lead inside the environment (old uv's <c>lib64</c>) become relative: they would leave with a move.</summary>
    private static IEnumerable<FileEdit> RelativeLinks(EnvironmentFacts facts)
    {
        var links = facts.InternalLinks.Select(l => (l.Path, l.Target)).Concat(facts.Interpreters.Where(i => i.Target is not null).Select(i => (i.Path, Target: i.Target!)));
        foreach (var (link, target) in links)
        {
            if (!Path.IsPathRooted(target) || !Paths.IsUnder(target, facts.Path)) continue;
            var relative = Path.GetRelativePath(Path.GetDirectoryName(link)!, target);
            yield return new FileEdit(EditOperation.ReplaceLink, link, $"make the link relative ({relative})")
                { Before = target, After = relative, NewLinkTarget = relative };
        }
    }
}
