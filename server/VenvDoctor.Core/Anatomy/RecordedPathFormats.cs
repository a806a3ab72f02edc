namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// The one table of the encodings a <see cref="RecordedPath"/> is written in: for each, one encoder, one reader and
/// what it cannot carry. Detection reads with it (activation scripts, console scripts, editable installs), every
/// rewrite writes with it (relocate, make-independent, settings), and a round-trip test holds them together.
/// <list type="table">
/// <listheader><term>format</term><description>written as; cannot carry (then: fallback, or the file is left as it is)</description></listheader>
/// <item><term>cfg-value, cfg-command-arg</term><description>raw pyvenv.cfg value; a line break, blanks around it</description></item>
/// <item><term>sh-double-quoted</term><description><c>"..."</c>, <c>\ " $ `</c> escaped; carries any path</description></item>
/// <item><term>sh-cve-quoted</term><description><c>shlex.quote</c>; carries any path</description></item>
/// <item><term>single-quoted</term><description>sh <c>'...'</c>, quote as <c>'\''</c> (virtualenv); carries any path</description></item>
/// <item><term>csh</term><description><c>"..."</c> raw; <c>" $ ` !</c> or a line break → csh-cve-quoted</description></item>
/// <item><term>csh-cve-quoted</term><description><c>shlex.quote</c>; <c>!</c> or a line break → csh-single-quoted</description></item>
/// <item><term>csh-single-quoted</term><description><c>'...'</c>, <c>'\''</c>, <c>'\!'</c>, backslash-newline; carries any path</description></item>
/// <item><term>fish</term><description><c>"..."</c>, <c>\ " $</c> escaped; carries any path</description></item>
/// <item><term>fish-cve-quoted</term><description><c>shlex.quote</c>; a backslash → fish-single-quoted</description></item>
/// <item><term>fish-single-quoted</term><description><c>'...'</c>, <c>\\</c>, <c>'\''</c> (virtualenv); carries any path</description></item>
/// <item><term>nu</term><description><c>'...'</c>, or <c>r#'...'#</c> when the path has a quote; carries any path</description></item>
/// <item><term>bat</term><description>raw in <c>set "VIRTUAL_ENV=..."</c>; <c>" %</c> or a line break</description></item>
/// <item><term>shebang</term><description>raw after <c>#!</c>; a blank, a line break, over 127 bytes (the header then takes exec-form)</description></item>
/// <item><term>windows-shebang</term><description>after <c>#!</c> in a Windows launcher or <c>-script.py</c>: raw, <c>"..."</c> with a blank; a quote or line break</description></item>
/// <item><term>exec-form</term><description>pip's <c>'''exec' WORD</c>: bare, <c>"..."</c> or shlex; a backslash</description></item>
/// <item><term>pth-line</term><description>a raw line; a line break, blanks around it, a <c>#</c> or <c>import</c> start</description></item>
/// <item><term>python-repr</term><description>Python's <c>repr()</c> exactly; carries any path</description></item>
/// <item><term>file-url</term><description><c>pathlib.Path.as_uri()</c>; a relative path</description></item>
/// <item><term>json-string</term><description><c>json.dumps</c> (settings values); carries any path</description></item>
/// <item><term>symlink</term><description>a link's target; carries any path</description></item>
/// </list>
/// No format carries an empty path.
/// </summary>
public static partial class RecordedPathFormats
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
    /// <summary>csh always <c>'...'</c> (virtualenv's activate.csh), written so tcsh reads back any path.</summary>
    public const string CshSingleQuoted = "csh-single-quoted";
    /// <summary>fish <c>set -gx VIRTUAL_ENV "..."</c>.</summary>
    public const string Fish = "fish";
    /// <summary>fish with <c>shlex.quote</c> quoting (CVE fix): bare or <c>'...'</c> joined with <c>"'"</c>.</summary>
    public const string FishSingleQuoted = "fish-cve-quoted";
    /// <summary>fish always <c>'...'</c> (virtualenv's activate.fish), backslashes doubled.</summary>
    public const string FishAlwaysSingleQuoted = "fish-single-quoted";
    /// <summary>sh always <c>'...'</c>, a quote written <c>'\''</c> (virtualenv's activate).</summary>
    public const string SingleQuoted = "single-quoted";
    /// <summary>nushell <c>'...'</c> or a raw string <c>r#'...'#</c>.</summary>
    public const string Nu = "nu";
    /// <summary>cmd.exe <c>set "VIRTUAL_ENV=..."</c>: raw up to the closing quote.</summary>
    public const string Bat = "bat";
    /// <summary>A shebang line's interpreter: raw, up to the first blank.</summary>
    public const string Shebang = "shebang";
    /// <summary>A Windows shebang (distlib <c>.exe</c> launchers, <c>-script.py</c>): raw, or <c>"..."</c> when it has a blank.</summary>
    public const string WindowsShebang = "windows-shebang";
    /// <summary>pip's <c>'''exec' WORD "$0" "$@"</c>: WORD bare, double-quoted or shlex-quoted (distlib).</summary>
    public const string ExecForm = "exec-form";
    /// <summary>A whole line of a .pth / .egg-link file.</summary>
    public const string PthLine = "pth-line";
    /// <summary>A Python string literal (repr).</summary>
    public const string PythonRepr = "python-repr";
    /// <summary>A <c>file://</c> URL (percent-encoded) inside JSON.</summary>
    public const string FileUrl = "file-url";
    /// <summary>A JSON string (a settings value).</summary>
    public const string JsonString = "json-string";
    /// <summary>A symlink target (no span: the link itself is replaced).</summary>
    public const string Symlink = "symlink";

    private static readonly Func<string, string?> CarriesAny = _ => null;
    private static readonly Func<string, string> Raw = path => path;

    private static PathFormat Shell(string name, ShellDialect dialect, Func<string, string> write,
        Func<string, string?>? refusal = null, string? cannot = null, string? fallback = null) =>
        new(name, cannot, refusal ?? CarriesAny, write, (text, start) => ShellQuoting.ReadWord(text, start, dialect), fallback);

    private static readonly Dictionary<string, PathFormat> Table = new PathFormat[]
    {
        new(CfgValue, "a line break; blanks around it", LineFormats.TrimmedLineRefusal, Raw, LineFormats.ReadTrimmedLine),
        new(CfgCommandArgument, "a line break; blanks around it", LineFormats.TrimmedLineRefusal, Raw, LineFormats.ReadTrimmedLine),
        Shell(ShDoubleQuoted, ShellDialect.Posix, ShellQuoting.ShDoubleQuoted),
        Shell(ShCveQuoted, ShellDialect.Posix, ShellWords.ShlexQuote),
        Shell(SingleQuoted, ShellDialect.Posix, ShellQuoting.ShSingleQuoted),
        Shell(Csh, ShellDialect.Csh, path => $"\"{path}\"", ShellQuoting.CshDoubleQuotedRefusal, "\" $ ` ! or a line break", CshCveQuoted),
        Shell(CshCveQuoted, ShellDialect.Csh, ShellWords.ShlexQuote, ShellQuoting.CshShlexRefusal, "! or a line break", CshSingleQuoted),
        Shell(CshSingleQuoted, ShellDialect.Csh, ShellQuoting.CshSingleQuoted),
        Shell(Fish, ShellDialect.Fish, ShellQuoting.FishDoubleQuoted),
        Shell(FishSingleQuoted, ShellDialect.Fish, ShellWords.ShlexQuote, ShellQuoting.FishShlexRefusal, "a backslash", FishAlwaysSingleQuoted),
        Shell(FishAlwaysSingleQuoted, ShellDialect.Fish, ShellQuoting.FishSingleQuoted),
        new(Nu, null, CarriesAny, NuStrings.Write, NuStrings.Read),
        new(Bat, "\" % or a line break", LineFormats.BatRefusal, Raw, LineFormats.ReadBatValue),
        new(Shebang, "a blank or line break; over 127 bytes", LineFormats.ShebangRefusal, Raw, LineFormats.ReadShebangWord),
        new(WindowsShebang, "a quote or a line break", LineFormats.WindowsShebangRefusal, LineFormats.WriteWindowsShebang, LineFormats.ReadWindowsShebang),
        Shell(ExecForm, ShellDialect.Posix, ShellQuoting.ExecForm, ShellQuoting.ExecFormRefusal, "a backslash"),
        new(PthLine, "a line break; blanks around it; a # or import start", LineFormats.PthLineRefusal, Raw, LineFormats.ReadTrimmedLine),
        new(PythonRepr, null, CarriesAny, Anatomy.PythonRepr.Encode, ReadPythonRepr),
        new(FileUrl, "a relative path", UrlAndJsonFormats.FileUrlRefusal, UrlAndJsonFormats.WriteFileUrl, UrlAndJsonFormats.ReadFileUrl),
        new(JsonString, null, CarriesAny, UrlAndJsonFormats.WriteJsonString, UrlAndJsonFormats.ReadJsonString),
        new(Symlink, null, CarriesAny, Raw, (text, start) => new PathToken(start, text.Length - start, text[start..])),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Every format of the table.</summary>
    public static IReadOnlyCollection<PathFormat> All => Table.Values;

    /// <summary>The table's entry for a format name.</summary>
    public static PathFormat Get(string format) =>
        Table.TryGetValue(format, out var f) ? f : throw new ArgumentOutOfRangeException(nameof(format), format, "unknown recorded-path format");

    /// <summary>
    /// Encodes <paramref name="path"/> the way <paramref name="format"/> writes it or, when it cannot carry the path,
    /// the way its documented fallback does (read back by the same reader); throws
    /// <see cref="UnencodablePathException"/> when no format of the chain can.
    /// </summary>
    public static string Encode(string format, string path) =>
        TryEncode(format, path, out var token, out var refusal) ? token : throw new UnencodablePathException(format, path, refusal!);

    /// <summary><see cref="Encode"/> that answers false with the reason instead of throwing.</summary>
    public static bool TryEncode(string format, string path, out string token, out string? refusal)
    {
        var f = Get(format);
        token = "";
        while (true)
        {
            refusal = path.Length == 0 ? "a path cannot be empty" : f.Refusal(path);
            if (refusal is null) { token = f.Write(path); return true; }
            if (f.Fallback is null || path.Length == 0) return false;
            f = Get(f.Fallback);
        }
    }

    /// <summary>True when <paramref name="format"/> itself (no fallback) writes <paramref name="path"/> as exactly <paramref name="token"/>.</summary>
    public static bool WritesExactly(string format, string path, ReadOnlySpan<char> token)
    {
        var f = Get(format);
        return path.Length > 0 && f.Refusal(path) is null && token.SequenceEqual(f.Write(path));
    }

    /// <summary>Reads the token of <paramref name="format"/> at <paramref name="start"/> of <paramref name="text"/>; null when there is none.</summary>
    public static PathToken? Read(string format, string text, int start) => Get(format).Read(text, start);

    private static PathToken? ReadPythonRepr(string text, int start) =>
        Anatomy.PythonRepr.TryDecode(text, start, out var value, out var length) ? new PathToken(start, length, value) : null;
}
