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
        var recordedEnv = request.From is { } from ? RecordedLocation.Normalise(Path.GetFullPath(from)) : RecordedLocation.Of(facts);
        var changes = new List<PathChange>();
        var notes = new List<string>();
        // Group records by the source root they share (an egg-link and its easy-install.pth line name the same folder;
        // MAPPING values sit below it), so each moved source is found once.
        var roots = stale.Select(e => RecordedLocation.Normalise(e.Path.Value)).Distinct().OrderBy(p => p.Length).ToList();
        string RootOf(string value) => roots.First(r => RecordedLocation.Rebase(RecordedLocation.Normalise(value), r, r) is not null);
        foreach (var group in stale.GroupBy(e => RootOf(e.Path.Value)))
        {
            var oldRoot = group.Key;
            var distributions = group.Select(e => e.Distribution).Distinct().ToList();
            var newRoot = request.Source is { } s ? RecordedLocation.Normalise(Path.GetFullPath(s))
                : Guess(oldRoot, recordedEnv, env) is { } g && Directory.Exists(g) ? g : distributions.Select(n => ProjectAround(env, n)).FirstOrDefault(p => p is not null);
            if (newRoot is null || !Directory.Exists(newRoot))
            {
                notes.Add($"{string.Join(", ", distributions)}: its source {oldRoot} is gone and no new place was found; pass --source (or reinstall it with pip -e from the new place).");
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

    /// <summary>
    /// When the environment was already relocated (its old place is no longer recorded), the usual layout is a
    /// project folder holding its .venv: accept the environment's parent when it is a project of that distribution.
    /// </summary>
    private static string? ProjectAround(string env, string distribution)
    {
        var parent = Path.GetDirectoryName(env);
        if (parent is null) return null;
        var isProject = File.Exists(Path.Combine(parent, "pyproject.toml")) || File.Exists(Path.Combine(parent, "setup.py")) || File.Exists(Path.Combine(parent, "setup.cfg"));
        var hasDistribution = Directory.EnumerateDirectories(parent, "*.egg-info").Any(d => Same(Path.GetFileName(d)[..^".egg-info".Length], distribution))
            || Directory.Exists(Path.Combine(parent, distribution.Replace('-', '_'))) || Directory.Exists(Path.Combine(parent, "src", distribution.Replace('-', '_')));
        return isProject && hasDistribution ? RecordedLocation.Normalise(parent) : null;
    }

    private static bool Same(string a, string b) =>
        string.Equals(a.Replace('-', '_').Replace('.', '_'), b.Replace('-', '_').Replace('.', '_'), StringComparison.OrdinalIgnoreCase);
}
