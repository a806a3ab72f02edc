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
}
