using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>Diagnoses one environment from its files alone.</summary>
public interface IEnvironmentDiagnoser
{
    /// <param name="candidate">What discovery found.</param>
    /// <param name="knownEnvironments">Real paths of other environments known now (to tell <c>copied</c> from <c>moved</c>). May be empty.</param>
    /// <param name="interpreters">Installed bases, for suggestions (relink-base, recreate).</param>
    PythonEnvironment Diagnose(EnvironmentCandidate candidate, IReadOnlyCollection<string> knownEnvironments, IReadOnlyList<BaseInterpreter> interpreters, CancellationToken cancellationToken);

    /// <summary>As above, with options: <see cref="DiagnosisOptions.Probe"/> (from <c>ScanRequest.Probe</c>) allows running the interpreter.</summary>
    PythonEnvironment Diagnose(EnvironmentCandidate candidate, IReadOnlyCollection<string> knownEnvironments, IReadOnlyList<BaseInterpreter> interpreters, DiagnosisOptions options, CancellationToken cancellationToken) =>
        Diagnose(candidate, knownEnvironments, interpreters, cancellationToken);

    /// <summary>
    /// As above, also naming the folders whose entries the diagnosis read beyond the environment's root, bin/Scripts
    /// and lib/Lib (site-packages, an editable install's source): the live model re-diagnoses when one changes.
    /// </summary>
    TrackedDiagnosis DiagnoseTracked(EnvironmentCandidate candidate, IReadOnlyCollection<string> knownEnvironments, IReadOnlyList<BaseInterpreter> interpreters, CancellationToken cancellationToken) =>
        new(Diagnose(candidate, knownEnvironments, interpreters, cancellationToken), []);
}

/// <summary>A diagnosis and the folders it read outside the environment's top levels (see <see cref="IEnvironmentDiagnoser.DiagnoseTracked"/>).</summary>
public sealed record TrackedDiagnosis(PythonEnvironment Environment, IReadOnlyList<string> InputFolders);
