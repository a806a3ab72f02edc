using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// reinstall-editable: an editable install's source folder moved (typically the project moved with its .venv),
/// so its records — <c>__editable__*.pth</c>, the finder's MAPPING, <c>direct_url.json</c>, <c>*.egg-link</c>,
/// <c>easy-install.pth</c> — point at a folder that is gone. They are re-pointed at the source's new place (given,
/// or found where the project moved: same position relative to the environment as before), as the installer would
/// have written them. No build runs, so it also works without network or build backends.
/// </summary>
public sealed class ReinstallEditableAction : IRepairAction
{
    public string Name => RepairActions.ReinstallEditable;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentPath));
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        var stale = facts.Editables
            .Where(e => request.Distribution is null || Same(e.Distribution, request.Distribution))
            .Where(e => !Path.Exists(e.Path.Value))
            .ToList();
        if (stale.Count == 0) return new RepairPlan(env, Name, "Every editable install's source folder exists", [], []);
        var recordedEnv = RecordedLocation.Of(facts);
        var changes = new List<PathChange>();
        var notes = new List<string>();
        foreach (var group in stale.GroupBy(e => e.Distribution))
        {
            // The source root: the shortest stale path of the distribution (MAPPING values sit below it).
            var oldRoot = group.Select(e => RecordedLocation.Normalise(e.Path.Value)).OrderBy(p => p.Length).First();
            var newRoot = request.Source is { } s ? RecordedLocation.Normalise(Path.GetFullPath(s)) : Guess(oldRoot, recordedEnv, env);
            if (newRoot is null || !Directory.Exists(newRoot))
            {
                notes.Add($"{group.Key}: its source {oldRoot} is gone and no new place was found; pass --source (reinstall it with pip -e from the new place).");
                continue;
            }
            foreach (var e in group)
                if (RecordedLocation.Rebase(RecordedLocation.Normalise(e.Path.Value), oldRoot, newRoot) is { } rebased)
                    changes.Add(new PathChange(e.Path, e.Path.Value.EndsWith('/') ? rebased + "/" : rebased));
        }
        var (edits, rewriteNotes) = RecordedPathRewriter.Rewrite(changes);
        notes.AddRange(rewriteNotes);
        var names = string.Join(", ", stale.Select(e => e.Distribution).Distinct());
        return new RepairPlan(env, Name, $"Re-point the editable install{(names.Contains(',') ? "s" : "")} of {names} at the moved source", edits, notes);
    }

    /// <summary>Where the source is now if it moved together with the environment (same position relative to it).</summary>
    private static string? Guess(string oldSource, string? recordedEnv, string env)
    {
        if (recordedEnv is null || recordedEnv == env) return null;
        var oldBase = Path.GetDirectoryName(recordedEnv)!;
        var newBase = Path.GetDirectoryName(env)!;
        return RecordedLocation.Rebase(oldSource, oldBase, newBase);
    }

    private static bool Same(string a, string b) =>
        string.Equals(a.Replace('-', '_').Replace('.', '_'), b.Replace('-', '_').Replace('.', '_'), StringComparison.OrdinalIgnoreCase);
}
