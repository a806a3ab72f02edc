using System.Text;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// regenerate-config: pyvenv.cfg is missing or unreadable. Writes a new one as CPython's venv would for the base
/// the interpreter link resolves to (or --base, or the inventory's same minor as lib/pythonX.Y), keeping
/// <c>include-system-site-packages</c> and <c>prompt</c> when the old file still says them.
/// </summary>
public sealed class RegenerateConfigAction : IRepairAction
{
    public string Name => RepairActions.RegenerateConfig;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentPath));
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        var baseRequest = request.Base is null && facts.Interpreter is { IsLink: true, RealTarget: { } real } ? request with { Base = real } : request;
        var chosen = BaseResolution.Choose(baseRequest, facts, sameMinorOnly: true);
        var includeSystem = facts.Config?.Get("include-system-site-packages") is { } inc && inc.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
        // The old file through the bounded reader: one that is a FIFO, a device or huge is replaced, never read.
        var old = WorkspaceFile.Read(facts.ConfigPath, FileKind.PyvenvConfig);
        RefuseUnlessRegular(facts.ConfigPath, old);
        var newline = facts.Config is not null && old.Text is { } oldText && oldText.Contains("\r\n") ? "\r\n" : "\n";
        var sb = new StringBuilder();
        sb.Append($"home = {Path.GetDirectoryName(chosen.Executable)}{newline}");
        sb.Append($"include-system-site-packages = {(includeSystem ? "true" : "false")}{newline}");
        if (chosen.Version is not null) sb.Append($"version = {chosen.Version}{newline}");
        sb.Append($"executable = {chosen.RealExecutable}{newline}");
        sb.Append($"command = {chosen.Executable} -m venv {env}{newline}");
        if (facts.Config?.Get("prompt") is { } prompt) sb.Append($"prompt = {prompt}{newline}");
        var content = Encoding.UTF8.GetBytes(sb.ToString());
        var exists = old.Refusal != FileRefusal.Missing;
        var edit = new FileEdit(exists ? EditOperation.WriteFile : EditOperation.CreateFile, facts.ConfigPath, exists ? "replace the unreadable pyvenv.cfg" : "write the missing pyvenv.cfg")
        {
            Before = old.Text,
            After = sb.ToString(),
            NewContent = content,
            Mode = (UnixFileMode)0b110_100_100,
        };
        var notes = new List<string>();
        if (exists && !old.Ok) notes.Add($"The old pyvenv.cfg {old.Reason}: it is replaced without being read.");
        if (chosen.Version is null) notes.Add($"The base's patch version could not be read from its files; 'version' is left out.");
        return new RepairPlan(env, Name, $"Write pyvenv.cfg for Python {chosen.Version ?? chosen.Minor} ({chosen.Executable})", [edit], notes);
    }

    /// <summary>
    /// Only a regular pyvenv.cfg (or none) is replaced: a FIFO, socket or device is not ours to delete, and a link
    /// is never written through. Said at plan time, so the dry run says it too (the engine would refuse at apply).
    /// </summary>
    private static void RefuseUnlessRegular(string path, FileRead old)
    {
        var status = PosixFiles.Lstat(path);
        if (!status.Exists || status.IsFile) return;
        var what = status.IsLink ? "a symlink" : old.Detail ?? "not a regular file";
        throw new RepairException($"{path} is {what}, and regenerate-config replaces only a regular pyvenv.cfg: remove it, then repair again.");
    }
}
