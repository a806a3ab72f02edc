using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// relocate: the environment was moved or renamed. Every path recorded inside the old location is rewritten to
/// the real one: activation scripts of every shell, console-script headers, pyvenv.cfg <c>command</c>, editable
/// records that pointed inside the moved tree, and absolute links. Paths outside the old tree (the base
/// interpreter, editable sources elsewhere) are left as they are.
/// </summary>
public sealed class RelocateAction : IRepairAction
{
    public string Name => RepairActions.Relocate;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken) =>
        PlanRebase(request, Name, (from, to) => $"Relocate the environment from {from} to {to}", cancellationToken);

    /// <summary>Shared with make-independent: the same rewrite, a different reason.</summary>
    internal static RepairPlan PlanRebase(RepairRequest request, string action, Func<string, string, string> title, CancellationToken cancellationToken)
    {
        var env = RecordedLocation.Normalise(Path.GetFullPath(request.EnvironmentPath));
        if (!Directory.Exists(env)) throw new RepairException($"{env} does not exist.");
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        var from = request.From is { } f ? RecordedLocation.Normalise(Path.GetFullPath(f)) : RecordedLocation.Of(facts);
        if (from is null)
            throw new RepairException($"{env} records no location of its own (no activation script, pyvenv.cfg command or console script); pass --from OLD_PATH.");
        var notes = new List<string>();
        if (from == env) return new RepairPlan(env, action, $"Nothing to rewrite: {env} already records its own location", [], notes);

        var changes = new List<PathChange>();
        foreach (var recorded in facts.RecordedPaths())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (RecordedLocation.Rebase(recorded.Value, from, env) is { } rebased)
                changes.Add(new PathChange(recorded, rebased));
        }
        foreach (var script in facts.ConsoleScripts.Where(s => s.Interpreter is null && s.Binary is not BinaryKind.Text))
            notes.Add($"{script.File}: a {script.Binary} file; never edited as text.");
        var (edits, rewriteNotes) = RecordedPathRewriter.Rewrite(changes);
        notes.AddRange(rewriteNotes);
        return new RepairPlan(env, action, title(from, env), edits, notes);
    }
}
