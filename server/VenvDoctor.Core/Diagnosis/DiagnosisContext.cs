using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Diagnosis.Native;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Locators;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>Options of one diagnosis. <see cref="Probe"/>: may run the environment's interpreter to confirm (opt-in).</summary>
public sealed record DiagnosisOptions(bool Probe = false)
{
    public static readonly DiagnosisOptions Default = new();
}

/// <summary>What every rule sees: the candidate, its facts (read once), and what else is known now.</summary>
public sealed class DiagnosisContext
{
    private readonly Lazy<IReadOnlyList<RecordedLocation>> recordedLocations;
    private readonly HashSet<string> known;
    private readonly Lazy<NativeBinaries> native;

    /// <param name="caches">What the diagnoser keeps of compiled files between diagnoses (fresh ones when null).</param>
    public DiagnosisContext(EnvironmentCandidate candidate, EnvironmentFacts facts, IReadOnlyCollection<string> knownEnvironments, IReadOnlyList<BaseInterpreter> interpreters, DiagnosisOptions options, NativeCaches? caches = null)
    {
        Candidate = candidate;
        Caches = caches ?? NativeCaches.Fresh();
        Facts = facts;
        KnownEnvironments = knownEnvironments;
        Interpreters = interpreters;
        Options = options;
        known = new HashSet<string>(knownEnvironments.Select(Paths.TrimAnySeparators), StringComparer.Ordinal);
        recordedLocations = new(() => Anatomy.RecordedLocations.Find(facts, l => IsSelf(l) || IsEnvironment(l)));
        native = new(() => NativeBinaries.Inspect(this));
    }

    public EnvironmentCandidate Candidate { get; }
    public EnvironmentFacts Facts { get; }
    public IReadOnlyCollection<string> KnownEnvironments { get; }
    public IReadOnlyList<BaseInterpreter> Interpreters { get; }
    public DiagnosisOptions Options { get; }
    public NativeCaches Caches { get; }

    /// <summary>Where the environment's files say it lives (see <see cref="Anatomy.RecordedLocations"/>: its priority orders them).</summary>
    public IReadOnlyList<RecordedLocation> RecordedLocations => recordedLocations.Value;

    /// <summary>The environment's compiled files and their headers, read once for the native rules.</summary>
    public NativeBinaries Native => native.Value;

    /// <summary>The recorded X.Y (pyvenv.cfg), else the only lib/pythonX.Y folder.</summary>
    public string? RecordedMinor => Facts.Config?.Minor ?? (Facts.LibMinors.Count == 1 ? Facts.LibMinors[0] : null);

    /// <summary>True when <paramref name="path"/> is this environment (as seen, or through a symlinked folder).</summary>
    public bool IsSelf(string path)
    {
        var p = Paths.TrimAnySeparators(path);
        if (p == Paths.TrimAnySeparators(Candidate.Path) || p == Paths.TrimAnySeparators(Candidate.RealPath) || p == Facts.Path || p == Facts.RealPath) return true;
        // On Windows c:\Proj\.venv and C:\proj\.venv are one folder (NTFS ignores case; \\?\ and / are other spellings).
        if (Platform.Host.IsWindows && PlatformPaths.IsWindowsStyle(p)
            && (WindowsPaths.SamePath(p, Facts.Path) || WindowsPaths.SamePath(p, Facts.RealPath) || WindowsPaths.SamePath(p, Candidate.Path))) return true;
        var real = PathResolver.RealPath(p);
        return real is not null && (real == Facts.RealPath || real == Paths.TrimAnySeparators(Candidate.RealPath));
    }

    /// <summary>
    /// True when an environment lives at <paramref name="path"/> now: known to the caller, or recognised on disk by the
    /// same locators discovery uses (so a scan can diagnose each environment as soon as the walk finds it, without
    /// waiting to know all the others; and an original outside the scanned roots counts too).
    /// </summary>
    public bool IsEnvironment(string path)
    {
        var p = Paths.TrimAnySeparators(path);
        if (known.Contains(p)) return true;
        var real = PathResolver.RealPath(p);
        return real is not null && (known.Contains(real) || EnvironmentLocators.IsEnvironmentFolder(real));
    }
}
