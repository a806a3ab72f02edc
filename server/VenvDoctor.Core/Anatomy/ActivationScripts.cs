using System.Text.RegularExpressions;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// What one activation script says about the venv's location: the literal paths it records (every occurrence,
/// including the Cygwin branch of 3.12/3.13), or that it computes the location at run time (relocatable).
/// </summary>
public sealed record ActivationScript(string File, string Shell, IReadOnlyList<RecordedPath> Paths, bool Relocatable);

/// <summary>
/// Reads <c>VIRTUAL_ENV</c> from bash/zsh <c>activate</c> (≤3.11, 3.12, 3.13.0 and CVE-2024-9287-fixed formats, and
/// virtualenv's), <c>activate.csh</c>, <c>activate.fish</c>, virtualenv's <c>activate.nu</c> and <c>activate.bat</c>,
/// each token with the reader of its format in <see cref="RecordedPathFormats"/>. PowerShell's <c>Activate.ps1</c>
/// (CPython's and virtualenv's) records no path: it derives the location from its own at run time.
/// </summary>
public static partial class ActivationScripts
{
    /// <summary>File names of activation scripts, and their shell.</summary>
    public static readonly IReadOnlyDictionary<string, string> Shells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["activate"] = "sh",
        ["activate.csh"] = "csh",
        ["activate.fish"] = "fish",
        ["activate.nu"] = "nu",
        ["activate.bat"] = "bat",
    };

    /// <summary>Reads a script file; null when it cannot be read or is binary.</summary>
    public static ActivationScript? Read(string file)
    {
        if (!Shells.TryGetValue(Path.GetFileName(file), out var shell)) return null;
        string text;
        try { text = WorkspaceFile.ReadText(file, FileKind.ActivationScript); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        if (text.Contains('\0')) return null;
        return Parse(file, shell, text);
    }

    /// <summary>Parses script text (as <c>File.ReadAllText</c> gives it) for the given shell (sh, csh, fish, nu, bat).</summary>
    public static ActivationScript Parse(string file, string shell, string text)
    {
        var paths = new List<RecordedPath>();
        var relocatable = false;
        var regex = shell switch
        {
            "sh" => ShAssignment(),
            "csh" => CshAssignment(),
            "fish" => FishAssignment(),
            "nu" => NuAssignment(),
            "bat" => BatAssignment(),
            _ => throw new ArgumentOutOfRangeException(nameof(shell)),
        };
        var dialect = DialectOf(shell);
        foreach (Match m in regex.Matches(text))
        {
            var valueStart = m.Index + m.Length;
            var line = LineOf(text, m.Index);
            if (shell is "bat" or "nu")
            {
                var token = shell == "bat" ? ReadBat(text, valueStart, ref relocatable) : ReadNu(text, valueStart, ref relocatable);
                if (token is { } t)
                    paths.Add(new RecordedPath(file, RecordKind.ActivationScript, line, t.Start, t.Length, t.Value, shell == "bat" ? RecordedPathFormats.Bat : RecordedPathFormats.Nu));
                continue;
            }
            // sh / csh / fish: a shell word, possibly $(cygpath WORD) on the Cygwin branch.
            var at = valueStart;
            while (at < text.Length && text[at] is ' ' or '\t') at++;
            if (text.AsSpan(at).StartsWith("$(cygpath "))
            {
                // Skip cygpath's flags (virtualenv: cygpath -u "$VIRTUAL_ENV").
                var inner = ShellWords.Read(text, at + "$(cygpath ".Length, dialect);
                while (inner is { Value: ['-', ..] } flag)
                    inner = ShellWords.Read(text, flag.Start + flag.Length, dialect);
                if (inner is { IsComputed: false } literal)
                    paths.Add(new RecordedPath(file, RecordKind.ActivationScript, line, literal.Start, literal.Length, literal.Value, FormatOf(shell, text, literal)));
                continue;
            }
            if (ShellWords.Read(text, at, dialect) is not { } word) continue;
            if (word.IsComputed)
            {
                relocatable |= IsRelocatableExpression(word.Value, 0);
                continue;
            }
            if (word.Value.Length > 0)
                paths.Add(new RecordedPath(file, RecordKind.ActivationScript, line, word.Start, word.Length, word.Value, FormatOf(shell, text, word)));
        }
        return new ActivationScript(file, shell, paths, relocatable && paths.Count == 0);
    }

    /// <summary>cmd.exe's value; a <c>%~dp0</c>-based one computes the location (relocatable) and records none.</summary>
    private static PathToken? ReadBat(string text, int valueStart, ref bool relocatable)
    {
        var end = valueStart;
        while (end < text.Length && text[end] is not ('"' or '\r' or '\n')) end++;
        if (!text.AsSpan(valueStart, end - valueStart).Contains('%')) return RecordedPathFormats.Read(RecordedPathFormats.Bat, text, valueStart);
        relocatable |= LineAt(text, valueStart).Contains("%~dp0", StringComparison.OrdinalIgnoreCase);
        return null;
    }

    /// <summary>nushell's string literal, or an expression of the script's own place (relocatable).</summary>
    private static PathToken? ReadNu(string text, int valueStart, ref bool relocatable)
    {
        if (RecordedPathFormats.Read(RecordedPathFormats.Nu, text, valueStart) is { } nu) return nu;
        relocatable |= IsRelocatableExpression(text, valueStart);
        return null;
    }

    /// <summary>The location is computed from the script's own place: <c>$(dirname ...)</c>, realpath, BASH_SOURCE.</summary>
    private static bool IsRelocatableExpression(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        var expr = end < 0 ? text[start..] : text[start..end];
        return expr.Contains("dirname") || expr.Contains("realpath") || expr.Contains("BASH_SOURCE") || expr.Contains("path self") || expr.Contains("current-file") || expr.Contains("FILE_PWD")
            || expr.Contains(RecordedPathFormats.SelfLocatingMarker);
    }

    /// <summary>
    /// The format whose encoding writes exactly this token (so a repair reproduces the file's own quoting);
    /// when none does (hand-edited quoting), the closest by the first quote character.
    /// </summary>
    private static string FormatOf(string shell, string text, ShellWord word)
    {
        string[] candidates = shell switch
        {
            "sh" => [RecordedPathFormats.ShDoubleQuoted, RecordedPathFormats.ShCveQuoted, RecordedPathFormats.SingleQuoted, RecordedPathFormats.ShDoubleQuotedWindows],
            "csh" => [RecordedPathFormats.Csh, RecordedPathFormats.CshCveQuoted, RecordedPathFormats.CshSingleQuoted],
            "fish" => [RecordedPathFormats.Fish, RecordedPathFormats.FishSingleQuoted, RecordedPathFormats.FishAlwaysSingleQuoted],
            _ => [],
        };
        var token = text.AsSpan(word.Start, word.Length);
        foreach (var format in candidates)
            if (RecordedPathFormats.WritesExactly(format, word.Value, token)) return format;
        return FormatByQuote(shell, word);
    }

    private static string FormatByQuote(string shell, ShellWord word) => (shell, word.Quoting) switch
    {
        ("sh", '"') => RecordedPathFormats.ShDoubleQuoted,
        ("sh", _) => RecordedPathFormats.ShCveQuoted,
        ("csh", '"') => RecordedPathFormats.Csh,
        ("csh", _) => RecordedPathFormats.CshCveQuoted,
        ("fish", '"') => RecordedPathFormats.Fish,
        ("fish", _) => RecordedPathFormats.FishSingleQuoted,
        _ => RecordedPathFormats.ShCveQuoted,
    };

    private static ShellDialect DialectOf(string shell) => shell switch
    {
        "csh" => ShellDialect.Csh,
        "fish" => ShellDialect.Fish,
        _ => ShellDialect.Posix,
    };

    private static string LineAt(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        var end = text.IndexOf('\n', index);
        return end < 0 ? text[start..] : text[start..end];
    }

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++) if (text[i] == '\n') line++;
        return line;
    }

    // "VIRTUAL_ENV=" at a statement start (not _OLD_VIRTUAL_ENV=, not VIRTUAL_ENV_PROMPT=), optionally exported.
    [GeneratedRegex(@"(?<=^|[\s;])(?:export[ \t]+)?VIRTUAL_ENV=", RegexOptions.Multiline)]
    private static partial Regex ShAssignment();

    [GeneratedRegex(@"(?<=^|[\s;])setenv[ \t]+VIRTUAL_ENV[ \t]+", RegexOptions.Multiline)]
    private static partial Regex CshAssignment();

    [GeneratedRegex(@"(?<=^|[\s;])set[ \t]+-gx[ \t]+VIRTUAL_ENV[ \t]+", RegexOptions.Multiline)]
    private static partial Regex FishAssignment();

    [GeneratedRegex(@"(?<=^|[\s;])let[ \t]+virtual_env[ \t]*=[ \t]*", RegexOptions.Multiline)]
    private static partial Regex NuAssignment();

    [GeneratedRegex(@"(?<=^|[\s@;])set[ \t]+""?VIRTUAL_ENV=", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex BatAssignment();
}
