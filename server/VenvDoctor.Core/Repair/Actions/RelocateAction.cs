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
/// reinstall-editable is for those.
/// </summary>
public sealed class RelocateAction : IRepairAction
{
    public string Name => RepairActions.Relocate;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken) =>
        PlanRebase(request, Name, (from, to) => $"Relocate the environment from {from} to {to}", cancellationToken, followMovedTree: true);

    /// <summary>
    /// Shared with make-independent: the same rewrite, a different reason. Only a move follows the tree around the
    /// environment: a copy's original project is still there, and its editable records rightly point at it.
    /// </summary>
    internal static RepairPlan PlanRebase(RepairRequest request, string action, Func<string, string, string> title, CancellationToken cancellationToken,
        bool followMovedTree = false)
    {
        var env = Paths.Full(request.EnvironmentPath);
        if (!Directory.Exists(env)) throw new RepairException($"{env} does not exist.");
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        var from = request.From is { } f ? Paths.Full(f) : RecordedLocations.Primary(facts);
        if (from is null)
            throw new RepairException($"{env} records no location of its own (no activation script, pyvenv.cfg command or console script); pass --from OLD_PATH.");
        var notes = new List<string>();
        if (from == env) return new RepairPlan(env, action, $"Nothing to rewrite: {env} already records its own location", [], notes);

        var changes = new List<PathChange>();
        foreach (var recorded in facts.RecordedPaths())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Paths.Rebase(recorded.Value, from, env) is { } rebased)
                changes.Add(new PathChange(recorded, rebased));
        }
        if (followMovedTree && MovedTree.Of(from, env) is { } tree)
            foreach (var editable in facts.Editables)
                // A strict-mode link tree is not followed: its absolute links into the old project are outside the
                // environment and stay stale, so its record is left for reinstall-editable, as that action does.
                if (Paths.Rebase(editable.Path.Value, from, env) is null && !EditableLinkTree.IsLinkTreePath(editable.Path.Value)
                    && tree.Follow(editable.Path.Value) is { } followed)
                    changes.Add(new PathChange(editable.Path, followed));
        foreach (var script in facts.ConsoleScripts.Where(s => s.Interpreter is null && s.Binary is not BinaryKind.Text))
            notes.Add($"{script.File}: a {script.Binary} file; never edited as text.");
        var (edits, rewriteNotes) = RecordedPathRewriter.Rewrite(changes);
        notes.AddRange(rewriteNotes);
        return new RepairPlan(env, action, title(from, env), edits, notes);
    }
}
