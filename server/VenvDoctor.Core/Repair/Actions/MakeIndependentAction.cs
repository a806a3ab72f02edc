using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// make-independent: the environment is a copy whose files still lead to the original (which still exists). The
/// recorded paths are rewritten as relocate does; what differs is the reason, that the original is left untouched
/// (the engine's scope writes only the copy), and the links: a copy made with <c>cp -as</c> / <c>cp -rs</c> is a
/// tree of links into the original, so rebasing a link's target would make it point at itself. Instead every link
/// that leads into the original is replaced by what it stands for (<see cref="OriginalLinks"/>).
/// </summary>
public sealed class MakeIndependentAction : IRepairAction
{
    public string Name => RepairActions.MakeIndependent;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var (env, facts, from) = RebaseSource.Read(request, cancellationToken);
        if (from == env) return new RepairPlan(env, Name, $"Nothing to rewrite: {env} already records its own location", [], []);
        var original = new OriginalLinks(env, from);
        var (changes, left, notes) = RebaseSource.Changes(facts, from, env, includeLinks: false, cancellationToken);
        // A file that records the old place and is a link into the original becomes a rewritten copy in one edit.
        var (edits, rewriteNotes, rewriteLeft) = RecordedPathRewriter.Rewrite(changes, original.LeadsInto);
        notes.AddRange(rewriteNotes);
        left.AddRange(rewriteLeft);
        var done = edits.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var link in original.Find(cancellationToken))
        {
            if (done.Contains(link)) continue;
            if (original.Replacement(link, left) is { } edit) edits.Add(edit);
        }
        edits.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new RepairPlan(env, Name, $"Make {env} independent of the original at {from}", edits, notes) { Left = left };
    }
}
