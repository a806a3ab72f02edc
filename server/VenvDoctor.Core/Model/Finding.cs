namespace VenvDoctor.Core.Model;

/// <summary>
/// One thing found wrong (or worth knowing) about an environment.
/// <paramref name="Code"/> is a stable kebab-case code (see <see cref="FindingCodes"/>);
/// <paramref name="Message"/> is one sentence a Python user understands;
/// <paramref name="Data"/> is the evidence: file, line, recordedPath, versions...
/// </summary>
public sealed record Finding(string Code, Severity Severity, string Message, IReadOnlyDictionary<string, string> Data);

/// <summary>The stable finding codes. Documented in docs/protocol.md.</summary>
public static class FindingCodes
{
    public const string Moved = "moved";
    public const string Copied = "copied";
    public const string BaseMissing = "base-missing";
    public const string BaseVersionChanged = "base-version-changed";
    /// <summary>The base is recorded in a folder a package manager replaces at its next update (Homebrew's Cellar keg, the Store's package folder).</summary>
    public const string BaseVersionedFolder = "base-versioned-folder";
    public const string Inconsistent = "inconsistent";
    public const string ConfigMissing = "config-missing";
    public const string ConfigInvalid = "config-invalid";
    public const string HomeMissing = "home-missing";
    public const string HomeRelative = "home-relative";
    public const string EditableStale = "editable-stale";
    public const string ForeignPlatform = "foreign-platform";
    public const string DanglingLink = "dangling-link";
    public const string InterpreterLinkMissing = "interpreter-link-missing";
    public const string PatchDrift = "patch-drift";
    public const string ExtensionAbiMismatch = "extension-abi-mismatch";
    public const string ForeignBinary = "foreign-binary";
    public const string LibraryMissing = "library-missing";
    /// <summary>The environment's files are in the index of the git repository that holds it (committed, or staged to be).</summary>
    public const string TrackedInGit = "tracked-in-git";
    /// <summary>A relocatable environment has console scripts that name its interpreter by an absolute path (pip wrote them after it was made relocatable).</summary>
    public const string ScriptNotRelocatable = "script-not-relocatable";
    /// <summary>Diagnosis could not read the environment (permission, a file that blocks such as a FIFO, I/O error).</summary>
    public const string Unreadable = "unreadable";
}
