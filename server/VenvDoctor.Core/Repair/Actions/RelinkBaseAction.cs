using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// relink-base: the base interpreter was removed or re-pointed. Points pyvenv.cfg (<c>home</c>, <c>executable</c>,
/// <c>command</c>'s interpreter, <c>version</c>; virtualenv's <c>base-*</c>) and the absolute interpreter links at an
/// installed base of the same major.minor, so the packages in lib/pythonX.Y still load. Unlike
/// <c>venv --upgrade</c>, it does replace existing (even dangling) links. Given a stable path whose target is a
/// versioned folder (Homebrew's <c>opt/python@3.12/bin/python3.12</c>, the Store's alias), it records the stable path
/// everywhere, so the next update does not break the environment again (<c>base-versioned-folder</c>).
/// </summary>
public sealed class RelinkBaseAction : IRepairAction
{
    public string Name => RepairActions.RelinkBase;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentPath));
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        var chosen = BaseResolution.Choose(request, facts, sameMinorOnly: true);
        var edits = new List<FileEdit>();
        var notes = new List<string>();

        if (facts.Config is { } config)
        {
            // The real path of a stable Homebrew or Store path is the versioned folder the next update removes:
            // record the stable path the user chose then, never its target.
            var recorded = VersionedBaseFolders.Find(chosen.RealExecutable) is null ? chosen.RealExecutable : chosen.Executable;
            var values = new List<(string, string)> { ("home", Path.GetDirectoryName(chosen.Executable)!) };
            if (config.Entry("executable") is not null) values.Add(("executable", recorded));
            if (config.Entry("command") is { } command && CommandInterpreter(command.Value) is { } old)
                values.Add(("command", chosen.Executable + command.Value[old.Length..]));
            if (chosen.Version is not null && config.Entry("version") is not null) values.Add(("version", chosen.Version));
            if (config.Entry("base-executable") is not null) values.Add(("base-executable", recorded));
            var prefix = Path.GetDirectoryName(Path.GetDirectoryName(recorded))!;
            if (config.Entry("base-prefix") is not null) values.Add(("base-prefix", prefix));
            if (config.Entry("base-exec-prefix") is not null) values.Add(("base-exec-prefix", prefix));
            if (ConfigEdit.Set(config.File, values, $"point pyvenv.cfg at {chosen.Executable}") is { } edit) edits.Add(edit);
        }
        else notes.Add("pyvenv.cfg is missing: run regenerate-config as well.");

        var left = new List<LeftFile>();
        foreach (var entry in facts.Interpreters)
        {
            if (entry.Target is null)
            {
                left.Add(new LeftFile(entry.Path, "a copy of the old interpreter (--copies), not a link; recreate replaces it"));
                continue;
            }
            // Relative links (python -> python3.12) follow the absolute one; only absolute or dangling ones change.
            if (!Path.IsPathRooted(entry.Target) && !entry.Dangling) continue;
            if (entry.Target == chosen.Executable) continue;
            edits.Add(new FileEdit(EditOperation.ReplaceLink, entry.Path, $"re-point {Path.GetFileName(entry.Path)} at {chosen.Executable}")
                { Before = entry.Target, After = chosen.Executable, NewLinkTarget = chosen.Executable });
        }
        return new RepairPlan(env, Name, $"Point the environment at Python {chosen.Version ?? chosen.Minor} ({chosen.Executable})", edits, notes) { Left = left };
    }

    /// <summary>The interpreter at the start of <c>command</c> (everything before <c> -m </c>).</summary>
    private static string? CommandInterpreter(string command)
    {
        var i = command.IndexOf(" -m ", StringComparison.Ordinal);
        return i > 0 ? command[..i] : null;
    }
}
