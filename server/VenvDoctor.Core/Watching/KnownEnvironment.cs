using VenvDoctor.Core.Anatomy;
using System.Text;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Watching;

/// <summary>An environment the session knows: what discovery said, its identity, and its latest diagnosis.</summary>
internal sealed class KnownEnvironment(EnvironmentCandidate candidate, EnvironmentIdentity identity, PythonEnvironment diagnosis, DateTime addedAtUtc)
{
    public string Path => Candidate.Path;
    public EnvironmentCandidate Candidate { get; set; } = candidate;
    public EnvironmentIdentity Identity { get; set; } = identity;
    public PythonEnvironment Diagnosis { get; set; } = diagnosis;
    /// <summary>When it was reported as added (to turn a later delete of its original into a move); MinValue otherwise.</summary>
    public DateTime AddedAtUtc { get; set; } = addedAtUtc;
    /// <summary>Folders its latest diagnosis read beyond its watched top levels (<see cref="Diagnosis.DiagnosisInputs"/>).</summary>
    public IReadOnlyList<string> InputFolders { get; set; } = [];

    /// <summary>The base interpreter folders it depends on: home (bin), the prefix above it, and the folder holding the prefix.</summary>
    public IEnumerable<string> BaseFolders()
    {
        if (Identity.Home is not { Length: > 1 } home || !home.StartsWith('/')) yield break;
        var dir = Paths.TrimSeparators(home);
        for (var i = 0; i < 3 && dir is { Length: > 1 }; i++)
        {
            yield return dir;
            dir = System.IO.Path.GetDirectoryName(dir);
        }
    }

    /// <summary>True when a change at <paramref name="changed"/> (in a base folder) can affect this environment.</summary>
    public bool DependsOn(string changed)
    {
        if (Identity.Home is not { Length: > 1 } home || !home.StartsWith('/')) return false;
        home = Paths.TrimSeparators(home);
        var prefix = System.IO.Path.GetDirectoryName(home) is { Length: > 1 } p ? p : home;
        // The prefix (or a folder above it) renamed/removed, or something inside the prefix changed.
        return Paths.IsUnderOrEqual(home, changed) || Paths.IsUnderOrEqual(changed, prefix);
    }

    /// <summary>What "changed" compares: health and findings (code, severity, message, evidence).</summary>
    public static string Signature(PythonEnvironment e)
    {
        var sb = new StringBuilder(WireNames.Of(e.Health));
        foreach (var f in e.Findings.OrderBy(f => f.Code, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal))
        {
            sb.Append('|').Append(f.Code).Append(':').Append(WireNames.Of(f.Severity)).Append(':').Append(f.Message);
            foreach (var (k, v) in f.Data.OrderBy(d => d.Key, StringComparer.Ordinal)) sb.Append(';').Append(k).Append('=').Append(v);
        }
        return sb.ToString();
    }
}
