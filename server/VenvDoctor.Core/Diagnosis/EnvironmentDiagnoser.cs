using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Diagnosis.Rules;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>
/// Diagnoses one environment from its files alone: reads its <see cref="EnvironmentFacts"/> once, runs every rule,
/// derives health (the worst severity) and repair suggestions. Runs the environment's interpreter only when
/// <see cref="DiagnosisOptions.Probe"/> asks for it. Thread-safe; its only state is what it keeps of compiled files
/// (<see cref="NativeCaches"/>, injected: one per service provider).
/// </summary>
public sealed class EnvironmentDiagnoser(NativeCaches caches) : IEnvironmentDiagnoser
{
    /// <summary>A diagnoser with caches of its own (tests, benchmarks; the services inject theirs).</summary>
    public EnvironmentDiagnoser() : this(NativeCaches.Fresh()) { }

    /// <summary>
    /// Every rule, in the order findings are listed: what makes the environment unusable first (config, platform,
    /// base), then where it lives (moved/copied), then what merely degrades it.
    /// </summary>
    public static readonly IReadOnlyList<IDiagnosisRule> Rules =
    [
        new ConfigMissingRule(),
        new ConfigInvalidRule(),
        new ForeignPlatformRule(),
        // Before base-missing: when a versioned folder is gone, its relink to the stable path is the repair offered first.
        new BaseVersionedFolderRule(),
        new BaseMissingRule(),
        new InterpreterLinkMissingRule(),
        new BaseVersionChangedRule(),
        new InconsistentRule(),
        new MovedRule(),
        new CopiedRule(),
        new HomeMissingRule(),
        new HomeRelativeRule(),
        new ForeignBinaryRule(),
        new ExtensionAbiMismatchRule(),
        new EditableStaleRule(),
        new ScriptNotRelocatableRule(),
        new LibraryMissingRule(),
        new DanglingLinkRule(),
        new TrackedInGitRule(),
        new PatchDriftRule(),
    ];

    public PythonEnvironment Diagnose(EnvironmentCandidate candidate, IReadOnlyCollection<string> knownEnvironments, IReadOnlyList<BaseInterpreter> interpreters, CancellationToken cancellationToken) =>
        Diagnose(candidate, knownEnvironments, interpreters, DiagnosisOptions.Default, cancellationToken);

    public PythonEnvironment Diagnose(EnvironmentCandidate candidate, IReadOnlyCollection<string> knownEnvironments, IReadOnlyList<BaseInterpreter> interpreters, DiagnosisOptions options, CancellationToken cancellationToken) =>
        Diagnose(candidate, EnvironmentFactsReader.Read(candidate.Path, cancellationToken), knownEnvironments, interpreters, options, cancellationToken);

    public TrackedDiagnosis DiagnoseTracked(EnvironmentCandidate candidate, IReadOnlyCollection<string> knownEnvironments, IReadOnlyList<BaseInterpreter> interpreters, CancellationToken cancellationToken)
    {
        var facts = EnvironmentFactsReader.Read(candidate.Path, cancellationToken);
        return new(Diagnose(candidate, facts, knownEnvironments, interpreters, DiagnosisOptions.Default, cancellationToken), DiagnosisInputs.FoldersOf(facts));
    }

    private PythonEnvironment Diagnose(EnvironmentCandidate candidate, EnvironmentFacts facts, IReadOnlyCollection<string> knownEnvironments, IReadOnlyList<BaseInterpreter> interpreters, DiagnosisOptions options, CancellationToken cancellationToken)
    {
        var context = new DiagnosisContext(candidate, facts, knownEnvironments, interpreters, options, caches);
        var findings = new List<Finding>();
        foreach (var rule in Rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            findings.AddRange(rule.Check(context));
        }
        if (options.Probe) findings = InterpreterProbe.Annotate(facts, findings, cancellationToken);
        var health = findings.Count == 0 ? Health.Ok : findings.Max(f => f.Severity) switch
        {
            Severity.Error => Health.Broken,
            Severity.Warning => Health.Warning,
            _ => Health.Ok,
        };
        return new PythonEnvironment
        {
            Path = candidate.Path,
            Kind = candidate.Kind,
            Manager = candidate.Manager,
            Version = facts.Config?.Version ?? context.RecordedMinor,
            Interpreter = facts.Interpreter?.Path,
            Home = facts.Config?.Home,
            Prompt = facts.Config?.Prompt ?? Path.GetFileName(facts.Path),
            Health = health,
            Findings = findings,
            Suggestions = SuggestionPlanner.Plan(context, findings),
        };
    }

    /// <summary>
    /// Convenience for one folder (tests, benchmarks): identified as discovery identifies it (the locators' kind, the
    /// manager of the tool folder it is in), then diagnosed.
    /// </summary>
    public PythonEnvironment Diagnose(string path, IReadOnlyCollection<string>? knownEnvironments = null, IReadOnlyList<BaseInterpreter>? interpreters = null, DiagnosisOptions? options = null, CancellationToken cancellationToken = default)
    {
        IEnvironmentDiscovery discovery = OneFolderDiscovery.Value;
        return Diagnose(discovery.IdentifyAsEnvironment(path), knownEnvironments ?? [], interpreters ?? [], options ?? DiagnosisOptions.Default, cancellationToken);
    }

    private static readonly Lazy<EnvironmentDiscovery> OneFolderDiscovery = new(EnvironmentDiscovery.ForOneWalk);
}
