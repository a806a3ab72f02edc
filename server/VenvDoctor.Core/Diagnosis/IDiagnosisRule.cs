using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>One diagnosis rule: decides from the files (the context's facts) and yields its findings, all of one code.</summary>
public interface IDiagnosisRule
{
    /// <summary>The finding code this rule produces (see <see cref="FindingCodes"/>).</summary>
    string Code { get; }

    IEnumerable<Finding> Check(DiagnosisContext context);
}
