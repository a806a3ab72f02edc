using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Diagnosis.Rules;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>
/// Diagnoses one environment from its files alone: reads its <see cref="EnvironmentFacts"/> once, runs every rule,
/// derives health (the worst severity) and repair suggestions. Runs the environment's interpreter only when
/// <see cref="DiagnosisOptions.Probe"/> asks for it. Stateless and thread-safe.
/// </summary>
public sealed class EnvironmentDiagnoser : IEnvironmentDiagnoser
{
    /// <summary>
    /// Every rule, in the order findings are listed: what makes the environment unusable first (config, platform,
    /// base), then where it lives (moved/copied), then what merely degrades it.
    /// </summary>
    public static readonly IReadOnlyList<IDiagnosisRule> Rules =
    [
        new ConfigMissingRule(),
        new ConfigInvalidRule(),
        new ForeignPlatformRule(),
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
        new LibraryMissingRule(),
        new DanglingLinkRule(),
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

    private static PythonEnvironment Diagnose(EnvironmentCandidate candidate, EnvironmentFacts facts, IReadOnlyCollection<string> knownEnvironments, IReadOnlyList<BaseInterpreter> interpreters, DiagnosisOptions options, CancellationToken cancellationToken)
    {
        var context = new DiagnosisContext(candidate, facts, knownEnvironments, interpreters, options);
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

    /// <summary>Convenience for one folder (venv/diagnose, tests): identifies the kind from its files.</summary>
    public PythonEnvironment Diagnose(string path, IReadOnlyCollection<string>? knownEnvironments = null, IReadOnlyList<BaseInterpreter>? interpreters = null, DiagnosisOptions? options = null, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        var candidate = new EnvironmentCandidate(full, PathResolver.RealPath(full) ?? full, KindOf(full), "direct", null);
        return Diagnose(candidate, knownEnvironments ?? [], interpreters ?? [], options ?? DiagnosisOptions.Default, cancellationToken);
    }

    /// <summary>The kind an environment folder's files say (pyvenv.cfg keys, layout, conda-meta).</summary>
    public static EnvironmentKind KindOf(string path)
    {
        var cfg = Path.Combine(path, "pyvenv.cfg");
        if (File.Exists(cfg))
        {
            var config = PyvenvConfigParser.Read(cfg);
            if (Directory.Exists(Path.Combine(path, "Scripts")) && !Directory.Exists(Path.Combine(path, "bin"))) return EnvironmentKind.WindowsVenv;
            if (config.Uv is not null) return EnvironmentKind.Uv;
            if (config.Virtualenv is not null) return EnvironmentKind.Virtualenv;
            return EnvironmentKind.Venv;
        }
        if (Directory.Exists(Path.Combine(path, "conda-meta"))) return EnvironmentKind.Conda;
        if (EnvironmentFactsReader.Read(path).HasOrigPrefix) return EnvironmentKind.LegacyVirtualenv;
        return EnvironmentKind.VenvShaped;
    }
}
