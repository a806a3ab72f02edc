using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Repair.Policy;

namespace VenvDoctor.Core.Repair;

/// <summary>A repair that ran: what was applied, and the environment as diagnosed afterwards.</summary>
public sealed record RepairOutcome(RepairPlan Plan, ApplyResult Applied, PythonEnvironment Diagnosis)
{
    /// <summary>Distributions recreate could not reinstall (name, reason).</summary>
    public IReadOnlyList<string> NotReinstalled { get; init; } = [];
    /// <summary>Journals settled (or found and not replayed) before the repair.</summary>
    public IReadOnlyList<RecoveredJournal> Settled { get; init; } = [];
}

/// <summary>An undo that ran (null Undone when there was nothing to undo).</summary>
public sealed record UndoOutcome(UndoResult? Undone, PythonEnvironment Diagnosis)
{
    /// <summary>Journals settled (or found and not replayed) before the undo.</summary>
    public IReadOnlyList<RecoveredJournal> Settled { get; init; } = [];
}

/// <summary>
/// The repair use cases both the CLI and RPC call: plan (dry run), apply, undo. Chooses the action (the one asked
/// for, else the environment's first suggestion, with that suggestion's data), fills in the installed bases, and
/// diagnoses again afterwards so callers can tell whether the environment is healthy now. It is where the repair
/// policy is applied for every caller: the target resolves inside the allowed roots (<see cref="RepairTargets"/>),
/// one repair or undo per environment at a time (<see cref="EnvironmentLock"/>), and journals a killed run left are
/// settled first, ours only (<see cref="JournalRecovery"/>). A dry run touches no journal.
/// </summary>
public sealed class RepairService(RepairEngine engine, JournalRecovery recovery, IEnumerable<IRepairAction> actions, IEnvironmentDiagnoser diagnoser,
    IInterpreterInventory inventory, IEnvironmentDiscovery discovery, JournalStore journals)
{
    private readonly Dictionary<string, IRepairAction> byName = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> ActionNames => byName.Keys;

    public RepairPlan Plan(RepairRequest request, CancellationToken cancellationToken)
    {
        RepairTargets.CheckInside(request.EnvironmentPath, request.AllowedRoots, "environment");
        var (action, completed) = Resolve(request, cancellationToken);
        return action.Plan(completed, cancellationToken);
    }

    public async Task<RepairOutcome> ApplyAsync(RepairRequest request, IProgress<RepairProgress>? progress, CancellationToken cancellationToken)
    {
        RepairTargets.CheckInside(request.EnvironmentPath, request.AllowedRoots, "environment");
        using var locked = journals.LockEnvironment(request.EnvironmentPath);
        var settled = recovery.RecoverEnvironment(request.EnvironmentPath);
        var (action, completed) = Resolve(request, cancellationToken);
        if (action is ILongRunningRepair runner)
        {
            var (plan, applied, notReinstalled) = await runner.RunAsync(completed, progress, cancellationToken).ConfigureAwait(false);
            return new RepairOutcome(plan, applied, Diagnose(completed.EnvironmentPath, completed.Interpreters, cancellationToken)) { NotReinstalled = notReinstalled, Settled = settled };
        }
        var planned = action.Plan(completed, cancellationToken);
        progress?.Report(new RepairProgress(planned.Title, 0));
        var result = engine.Apply(planned, progress, cancellationToken);
        return new RepairOutcome(planned, result, Diagnose(completed.EnvironmentPath, completed.Interpreters, cancellationToken)) { Settled = settled };
    }

    /// <param name="allowedRoots">Folders the environment must resolve inside; null when the user named it.</param>
    public UndoOutcome Undo(string environmentPath, IReadOnlyList<string>? allowedRoots, IProgress<RepairProgress>? progress, CancellationToken cancellationToken)
    {
        RepairTargets.CheckInside(environmentPath, allowedRoots, "environment");
        using var locked = journals.LockEnvironment(environmentPath);
        // Settled before the path is checked: a recreate killed mid-swap leaves nothing there until recovery puts
        // the kept environment back (recovery acts only on what our own pending index names for this exact path).
        var settled = recovery.RecoverEnvironment(environmentPath);
        if (!Directory.Exists(environmentPath)) throw new RepairException($"{Path.GetFullPath(environmentPath)} does not exist or is not a folder.");
        var undone = engine.Undo(environmentPath, progress);
        return new UndoOutcome(undone, Diagnose(environmentPath, inventory.List(cancellationToken), cancellationToken)) { Settled = settled };
    }

    /// <summary>
    /// The environment diagnosed as a scan would: identified by the same locators and tool folders (so a repair
    /// keeps the kind and manager the environment was listed with), then diagnosed from its files.
    /// </summary>
    public PythonEnvironment Diagnose(string environmentPath, IReadOnlyList<BaseInterpreter> interpreters, CancellationToken cancellationToken) =>
        diagnoser.Diagnose(discovery.IdentifyAsEnvironment(environmentPath), [], interpreters, cancellationToken);

    /// <summary>The action to run and the request completed with the chosen suggestion's data and the inventory.</summary>
    private (IRepairAction Action, RepairRequest Request) Resolve(RepairRequest request, CancellationToken cancellationToken)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentPath));
        if (!Directory.Exists(full)) throw new RepairException($"{full} does not exist or is not a folder.");
        if (!File.Exists(Path.Combine(full, "pyvenv.cfg")) && !Directory.Exists(Path.Combine(full, "bin")) && !Directory.Exists(Path.Combine(full, "Scripts")))
            throw new RepairException($"{full} is not a Python environment (no pyvenv.cfg, bin/ or Scripts/).");
        var interpreters = request.Interpreters.Count > 0 ? request.Interpreters : inventory.List(cancellationToken);
        request = request with { EnvironmentPath = full, Interpreters = interpreters };
        Suggestion? suggestion;
        if (request.Action is { } name)
        {
            if (!byName.ContainsKey(name))
                throw new RepairException($"Unknown action '{name}'. Known: {string.Join(", ", byName.Keys.Order())}.");
            suggestion = Diagnose(full, interpreters, cancellationToken).Suggestions.FirstOrDefault(s => s.Action == name);
        }
        else
        {
            var diagnosis = Diagnose(full, interpreters, cancellationToken);
            // A healthy environment's suggestion (make-relocatable) is prevention: applied only when asked for by name.
            suggestion = (diagnosis.Health == Health.Ok ? null : diagnosis.Suggestions.FirstOrDefault())
                ?? throw new NothingToRepairException(diagnosis.Health == Health.Ok
                    ? $"{full} is healthy: nothing to repair."
                    : $"{full} is {WireNames.Of(diagnosis.Health)} but no repair is known for: {string.Join(", ", diagnosis.Findings.Select(f => f.Code))}.",
                    alreadyHealthy: diagnosis.Health == Health.Ok);
            name = suggestion.Action;
        }
        if (suggestion is not null)
        {
            var data = suggestion.Data;
            request = request with
            {
                Action = name,
                Base = request.Base ?? data.GetValueOrDefault("base"),
                From = request.From ?? data.GetValueOrDefault("from"),
                Distribution = request.Distribution ?? data.GetValueOrDefault("distribution"),
            };
        }
        return (byName[name], request with { Action = name });
    }
}

/// <summary>No action was named and the environment has no suggestion: it is healthy (<see cref="AlreadyHealthy"/>), or no repair is known for its findings.</summary>
public sealed class NothingToRepairException(string message, bool alreadyHealthy = false) : Exception(message)
{
    public bool AlreadyHealthy { get; } = alreadyHealthy;
}

/// <summary>An action that runs programs and reports progress (recreate), instead of a plan the engine applies.</summary>
public interface ILongRunningRepair
{
    Task<(RepairPlan Plan, ApplyResult Applied, IReadOnlyList<string> NotReinstalled)> RunAsync(RepairRequest request, IProgress<RepairProgress>? progress, CancellationToken cancellationToken);
}
