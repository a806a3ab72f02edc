using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// fix-home: pyvenv.cfg's <c>home</c> is missing, relative or names a folder that is gone, while the interpreter
/// link itself still works. Sets <c>home</c> to the folder of the interpreter the link resolves to (or of --base).
/// </summary>
public sealed class FixHomeAction : IRepairAction
{
    public string Name => RepairActions.FixHome;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        var env = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentPath));
        var facts = EnvironmentFactsReader.Read(env, cancellationToken);
        var config = facts.Config ?? throw new RepairException($"{env} has no pyvenv.cfg: use regenerate-config.");
        string home;
        if (request.Base is { } b) home = Path.GetDirectoryName(Path.GetFullPath(b))!;
        else if (facts.Interpreter is { IsLink: true, RealTarget: { } real }) home = Path.GetDirectoryName(real)!;
        else throw new RepairException("The interpreter link does not resolve, so the base's folder is unknown: pass --base PYTHON or use relink-base.");
        var edit = ConfigEdit.Set(config.File, [("home", home)], $"set home to {home}");
        return new RepairPlan(env, Name, $"Set pyvenv.cfg's home to {home}", edit is null ? [] : [edit], []);
    }
}
