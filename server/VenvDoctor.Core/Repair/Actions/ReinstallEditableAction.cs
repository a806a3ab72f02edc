using VenvDoctor.Core.Platform;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Display;
using VenvDoctor.Core.Repair.Policy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// reinstall-editable: an editable install's source folder moved (typically the project moved with its .venv),
/// so its records — <c>__editable__*.pth</c>, the finder's MAPPING, <c>direct_url.json</c>, <c>*.egg-link</c>,
/// <c>easy-install.pth</c> — point at a folder that is gone. They are re-pointed at the source's new place (given,
/// or found where the project moved: same position relative to the environment as before), as the installer would
/// have written them. No build runs, so it also works without network or build backends.
/// Not for setuptools' strict mode: its link tree lives in the project, outside what a repair may write, so the plan
/// leaves that install untouched and its notes give the pip command that rebuilds it.
/// </summary>
public sealed class ReinstallEditableAction : IRepairAction
{
    public string Name => RepairActions.ReinstallEditable;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Paths.Full(request.EnvironmentPath);
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        var wanted = facts.Editables.Where(e => request.Distribution is null || DistributionName.Same(e.Distribution, request.Distribution)).ToList();
        var strictTrees = wanted.Where(e => EditableLinkTree.IsLinkTreePath(e.Path.Value)
            && (!Path.Exists(e.Path.Value) || EditableLinkTree.Inspect(e.Path.Value).IsStale)).ToList();
        var strictNames = strictTrees.Select(e => e.Distribution).ToHashSet(StringComparer.Ordinal);
        // A strict install's records are left alone entirely: re-pointing its .pth at the moved link tree would make
        // diagnosis look healthy while the tree's absolute links still name the old files.
        var stale = wanted.Where(e => !strictNames.Contains(e.Distribution) && !Path.Exists(e.Path.Value)).ToList();
        if (stale.Count == 0 && strictTrees.Count == 0) return new RepairPlan(env, Name, "Every editable install's source folder exists", [], []);
        var recordedEnv = request.From is { } from ? Paths.Full(from) : RecordedLocations.Primary(facts);
        var changes = new List<PathChange>();
        var notes = new List<string>();
        foreach (var tree in strictTrees.DistinctBy(e => e.Distribution))
            notes.Add(StrictReinstallNote(env, tree, request.Source, recordedEnv));
        if (stale.Count == 0)
            return new RepairPlan(env, Name, $"Reinstall {string.Join(", ", strictNames)} with pip: a strict editable install cannot be re-pointed in place", [], notes);
        // Group records by the source root they share (an egg-link and its easy-install.pth line name the same folder;
        // MAPPING values sit below it), so each moved source is found once.
        var roots = stale.Select(e => Paths.TrimSeparators(e.Path.Value)).Distinct().OrderBy(p => p.Length).ToList();
        string RootOf(string value) => roots.First(r => Paths.IsUnderOrEqual(value, r));
        foreach (var group in stale.GroupBy(e => RootOf(e.Path.Value)))
        {
            var oldRoot = group.Key;
            var distributions = group.Select(e => e.Distribution).Distinct().ToList();
            var newRoot = request.Source is { } s ? Paths.Full(s)
                : Guess(oldRoot, recordedEnv, env) is { } g && Directory.Exists(g) ? g : distributions.Select(n => ProjectAround(env, n)).FirstOrDefault(p => p is not null);
            if (newRoot is null || !Directory.Exists(newRoot))
            {
                notes.Add($"{string.Join(", ", distributions)}: its source {oldRoot} is gone and no new place was found; pass --source (or reinstall it with pip -e from the new place).");
                continue;
            }
            foreach (var e in group)
                if (Paths.Rebase(Paths.TrimSeparators(e.Path.Value), oldRoot, newRoot) is { } rebased)
                    changes.Add(new PathChange(e.Path, e.Path.Value.EndsWith('/') ? rebased + "/" : rebased));
        }
        var (edits, rewriteNotes, left) = RecordedPathRewriter.Rewrite(changes);
        notes.AddRange(rewriteNotes);
        var names = string.Join(", ", stale.Select(e => e.Distribution).Distinct());
        if (strictNames.Count > 0) names += $" (not {string.Join(", ", strictNames)}: reinstall with pip, see the notes)";
        return new RepairPlan(env, Name, $"Re-point the editable install{(names.Contains(',') ? "s" : "")} of {names} at the moved source", edits, notes) { Left = left };
    }

    /// <summary>
    /// Why a strict editable install is not rewritten, and the pip command that rebuilds it. Its link tree sits in
    /// the project's build/ folder, outside the environment, so the repair scope (and journal) cannot cover it; pip
    /// rebuilds that tree from the project's new folder, which is what the user's build backend would do anyway.
    /// </summary>
    private static string StrictReinstallNote(string env, EditableInstall tree, string? source, string? recordedEnv)
    {
        var treeProject = EditableLinkTree.ProjectOf(tree.Path.Value);
        // A link tree that still exists is already in the project's new folder (an earlier record-only rewrite, or a copy).
        var project = source is not null ? Path.GetFullPath(source)
            : Directory.Exists(tree.Path.Value) ? treeProject
            : treeProject is not null && Guess(Paths.TrimSeparators(treeProject), recordedEnv, env) is { } g && Directory.Exists(g) ? g
            : ProjectAround(env, tree.Distribution);
        var python = Path.Combine(env, Host.IsWindows ? "Scripts" : "bin", Host.IsWindows ? "python.exe" : "python");
        var target = project is null ? "<new project folder>" : Quote(project);
        return $"{tree.Distribution} is a strict editable install (setuptools editable_mode=strict): its link tree {tree.Path.Value} holds absolute links into "
            + "the old project folder and lives in the project, outside the environment, so it is not rewritten. Reinstall it from the project's new folder: "
            + $"{Quote(python)} -m pip install -e {target} --config-settings editable_mode=strict";
    }

    /// <summary>A path as one word of the user's shell, for a command to copy (<see cref="CopyableCommand"/>).</summary>
    private static string Quote(string path) => CopyableCommand.Word(path);

    /// <summary>Where the source is now if it moved together with the environment (same position relative to it).</summary>
    private static string? Guess(string oldSource, string? recordedEnv, string env)
    {
        if (recordedEnv is null || recordedEnv == env) return null;
        var oldBase = Path.GetDirectoryName(recordedEnv)!;
        var newBase = Path.GetDirectoryName(env)!;
        return Paths.Rebase(oldSource, oldBase, newBase);
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
        var hasDistribution = Directory.EnumerateDirectories(parent, "*.egg-info").Any(d => DistributionName.Same(Path.GetFileName(d)[..^".egg-info".Length], distribution))
            || Directory.Exists(Path.Combine(parent, DistributionName.PackageFolderGuess(distribution))) || Directory.Exists(Path.Combine(parent, "src", DistributionName.PackageFolderGuess(distribution)));
        return isProject && hasDistribution ? Paths.TrimSeparators(parent) : null;
    }
}
