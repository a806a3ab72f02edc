using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// relocate: the environment was moved or renamed. Every path recorded inside the old location is rewritten to
/// the real one: activation scripts of every shell, console-script headers, pyvenv.cfg <c>command</c>, editable
/// records that pointed inside the moved tree, and absolute links. When the environment moved with the folder
/// around it (a project renamed with its .venv), editable records pointing into that folder follow too, if their
/// source moved with it (<see cref="MovedTree"/>): one repair makes the editable package import from the new place.
/// Paths outside the moved tree (the base interpreter, editable sources elsewhere) are left as they are:
/// reinstall-editable is for those. A file that cannot be rewritten safely (a symlink, a name that is not UTF-8, a
/// binary) is listed in the plan's <see cref="RepairPlan.Left"/>, never skipped in silence.
/// </summary>
public sealed class RelocateAction : IRepairAction
{
    public string Name => RepairActions.Relocate;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var (env, facts, from) = RebaseSource.Read(request, cancellationToken);
        var title = $"Relocate the environment from {from} to {env}";
        if (from == env) return new RepairPlan(env, Name, $"Nothing to rewrite: {env} already records its own location", [], []);
        var (changes, left, notes) = RebaseSource.Changes(facts, from, env, includeLinks: true, cancellationToken);
        // Only a move follows the tree around the environment: a copy's original project is still there, and its
        // editable records rightly point at it (make-independent does not follow).
        if (MovedTree.Of(from, env) is { } tree)
            foreach (var editable in facts.Editables)
                // A strict-mode link tree is not followed: its absolute links into the old project are outside the
                // environment and stay stale, so its record is left for reinstall-editable, as that action does.
                if (Paths.Rebase(editable.Path.Value, from, env) is null && !EditableLinkTree.IsLinkTreePath(editable.Path.Value)
                    && tree.Follow(editable.Path.Value) is { } followed)
                    changes.Add(new PathChange(editable.Path, followed));
        var (edits, rewriteNotes, rewriteLeft) = RecordedPathRewriter.Rewrite(changes);
        return new RepairPlan(env, Name, title, edits, [.. notes, .. rewriteNotes]) { Left = [.. left, .. rewriteLeft] };
    }
}

/// <summary>
/// What relocate and make-independent both start from: the environment, its facts, and the old location its files
/// record (or the one the user gave), and the recorded paths inside that location, with the new value each gets.
/// </summary>
internal static class RebaseSource
{
    public static (string Environment, EnvironmentFacts Facts, string From) Read(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Paths.Full(request.EnvironmentPath);
        if (!Directory.Exists(env)) throw new RepairException($"{env} does not exist.");
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        var from = request.From is { } f ? Paths.Full(f) : RecordedLocations.Primary(facts);
        if (from is null)
            throw new RepairException($"{env} records no location of its own (no activation script, pyvenv.cfg command or console script); pass --from OLD_PATH.");
        return (env, facts, from);
    }

    /// <summary>
    /// Every recorded path inside <paramref name="from"/>, rebased to <paramref name="env"/>; symlink targets only
    /// when <paramref name="includeLinks"/>. Scripts that record the old place but whose file name is not UTF-8 come
    /// back as left (read by their raw name, but a rewrite goes by name). Binaries that record no path of their own
    /// are not left files but notes: nothing in them names the old place that a repair would change.
    /// </summary>
    public static (List<PathChange> Changes, List<LeftFile> Left, List<string> Notes) Changes(EnvironmentFacts facts, string from, string env, bool includeLinks, CancellationToken cancellationToken)
    {
        var left = new List<LeftFile>();
        var notes = facts.ConsoleScripts.Where(s => s.Interpreter is null && s.Binary is not BinaryKind.Text)
            .Select(s => $"{s.File}: a {s.Binary} file; never edited as text.").ToList();
        var notByName = new HashSet<RecordedPath>(ReferenceEqualityComparer.Instance);
        foreach (var script in facts.ConsoleScripts)
        {
            if (script.NameNotUtf8 && script.Interpreter is { } p && Paths.Rebase(p.Value, from, env) is not null)
            {
                notByName.Add(p);
                left.Add(new LeftFile(script.File, "its file name is not valid UTF-8, so it is not rewritten by name (rename it, then repair again)"));
            }
        }
        var changes = new List<PathChange>();
        foreach (var recorded in facts.RecordedPaths())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (notByName.Contains(recorded) || (!includeLinks && recorded.Format == RecordedPathFormats.Symlink)) continue;
            if (Paths.Rebase(recorded.Value, from, env) is { } rebased)
                changes.Add(new PathChange(recorded, rebased));
        }
        return (changes, left, notes);
    }
}
