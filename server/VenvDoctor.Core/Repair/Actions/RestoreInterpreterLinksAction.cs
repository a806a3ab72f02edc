using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// restore-interpreter-links: puts back the interpreter names of bin/ that are missing or lead to a missing name
/// (<see cref="InterpreterNames"/>), as the environment's creator wrote them: the name the others lead to is kept,
/// or, when it is the one that was deleted, made again as an absolute link to the base interpreter pyvenv.cfg
/// records; every other name is a relative link to it (<c>python3 -> python</c>). Journaled like every plan, so undo
/// removes what it made. POSIX layouts only: a Windows layout's interpreters are launcher copies (recreate).
/// </summary>
public sealed class RestoreInterpreterLinksAction : IRepairAction
{
    public string Name => RepairActions.RestoreInterpreterLinks;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentPath));
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        if (facts.Layout == EnvironmentLayout.Windows)
            throw new RepairException($"{env} has a Windows layout: its interpreters are launcher copies a repair cannot make; recreate the environment instead.");
        if (InterpreterNames.Of(facts) is not { HasGaps: true } names)
            return new RepairPlan(env, Name, $"Every interpreter name of {env} is there", [], []);
        if (!names.Restorable)
            throw new RepairException($"{env} has no live interpreter of its own and the base its pyvenv.cfg records is gone: run relink-base or recreate instead.");
        var bin = facts.ScriptsFolder!;
        var edits = new List<FileEdit>();
        var created = new HashSet<string>(StringComparer.Ordinal);
        if (!names.AnchorPresent)
        {
            edits.Add(Link(Path.Combine(bin, names.AnchorName), names.BaseTarget!, "the base interpreter, as the environment's creator linked it"));
            created.Add(names.AnchorName);
        }
        foreach (var name in names.Missing.Where(n => n != names.AnchorName))
        {
            edits.Add(Link(Path.Combine(bin, name), names.AnchorName, $"{names.AnchorName}, as its siblings are"));
            created.Add(name);
        }
        // A name leading to one now made again works once that one is back; any other broken name is re-pointed.
        foreach (var entry in names.Broken.Where(b => !created.Contains(Path.GetFileName(b.Path))))
            if (!created.Contains(Path.GetFileName(PathResolver.Resolve(entry.Path).Path)))
                edits.Add(Link(entry.Path, names.AnchorName, $"{names.AnchorName}, as its siblings are"));
        var shown = string.Join(", ", edits.Select(e => Path.GetFileName(e.Path)));
        return new RepairPlan(env, Name, $"Put back {shown} in {Path.GetFileName(bin)}/ of {env}", edits, []);
    }

    /// <summary>A new link, or a re-pointed one when something (a dangling link) already has the name.</summary>
    private static FileEdit Link(string path, string target, string why)
    {
        var exists = PosixFiles.Lstat(path).Exists;
        return new FileEdit(exists ? EditOperation.ReplaceLink : EditOperation.CreateLink, path, $"link {Path.GetFileName(path)} to {why}")
            { Before = exists ? new FileInfo(path).LinkTarget : null, After = target, NewLinkTarget = target };
    }
}
