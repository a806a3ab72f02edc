namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// The encodings a <see cref="RecordedPath"/> may be written in, and how to write a new path in the same one, so
/// that a repair keeps each file's own quoting.
/// </summary>
public static class RecordedPathFormats
{
    /// <summary>pyvenv.cfg value, written raw to the end of the line.</summary>
    public const string CfgValue = "cfg-value";
    /// <summary>pyvenv.cfg <c>command</c>'s last argument, raw (CPython does not quote it).</summary>
    public const string CfgCommandArgument = "cfg-command-arg";
    /// <summary>sh <c>"..."</c> (≤3.12 activate, 3.13.0 activate).</summary>
    public const string ShDoubleQuoted = "sh-double-quoted";
    /// <summary>sh word as Python's <c>shlex.quote</c> writes it (CVE-2024-9287 fix; bare or <c>'...'</c>).</summary>
    public const string ShCveQuoted = "sh-cve-quoted";
    /// <summary>csh <c>setenv VIRTUAL_ENV "..."</c>.</summary>
    public const string Csh = "csh";
    /// <summary>csh with <c>shlex.quote</c> (CVE fix).</summary>
    public const string CshCveQuoted = "csh-cve-quoted";
    /// <summary>fish <c>set -gx VIRTUAL_ENV "..."</c>.</summary>
    public const string Fish = "fish";
    /// <summary>fish with <c>shlex.quote</c> quoting (CVE fix): bare or <c>'...'</c> joined with <c>"'"</c>.</summary>
    public const string FishSingleQuoted = "fish-cve-quoted";
    /// <summary>Always <c>'...'</c>, a quote written <c>'\''</c> (virtualenv's activate, activate.csh, activate.fish).</summary>
    public const string SingleQuoted = "single-quoted";
    /// <summary>nushell <c>'...'</c> (no escapes).</summary>
    public const string Nu = "nu";
    /// <summary>cmd.exe <c>set "VIRTUAL_ENV=..."</c>: raw up to the closing quote.</summary>
    public const string Bat = "bat";
    /// <summary>A shebang line's interpreter: raw, up to the first blank.</summary>
    public const string Shebang = "shebang";
    /// <summary>pip's <c>'''exec' WORD "$0" "$@"</c>: WORD bare or double-quoted (distlib).</summary>
    public const string ExecForm = "exec-form";
    /// <summary>A whole line of a .pth / .egg-link file.</summary>
    public const string PthLine = "pth-line";
    /// <summary>A Python string literal (repr).</summary>
    public const string PythonRepr = "python-repr";
    /// <summary>A <c>file://</c> URL (percent-encoded) inside JSON.</summary>
    public const string FileUrl = "file-url";
    /// <summary>A symlink target (no span: the link itself is replaced).</summary>
    public const string Symlink = "symlink";

    /// <summary>Encodes <paramref name="path"/> the way <paramref name="format"/> writes it.</summary>
    public static string Encode(string format, string path) => format switch
    {
        CfgValue or CfgCommandArgument or Bat or Shebang or PthLine or Symlink => path,
        ShDoubleQuoted or Csh or Fish => ShellWords.DoubleQuote(path),
        ShCveQuoted or CshCveQuoted or FishSingleQuoted => ShellWords.ShlexQuote(path),
        SingleQuoted => "'" + path.Replace("'", "'\\''") + "'",
        Nu => path.Contains('\'') ? "\"" + path.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : "'" + path + "'",
        ExecForm => path.Contains(' ') || path.Contains('\'') || path.Contains('"') ? ShellWords.DoubleQuote(path) : path,
        PythonRepr => Anatomy.PythonRepr.Encode(path),
        FileUrl => new Uri(path).AbsoluteUri,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown recorded-path format"),
    };
}
