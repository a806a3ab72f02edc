namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// The formats that write a path raw, with no quoting (pyvenv.cfg values, .pth lines, shebangs, cmd.exe's
/// <c>set "VIRTUAL_ENV=..."</c>), and so cannot carry the characters their readers stop at or trim.
/// </summary>
internal static class LineFormats
{
    /// <summary>A raw value to the end of its line, blanks around it trimmed (pyvenv.cfg, .pth, as CPython's site.py reads them).</summary>
    public static PathToken? ReadTrimmedLine(string text, int start)
    {
        var end = LineEnd(text, start);
        var lead = start;
        while (lead < end && char.IsWhiteSpace(text[lead])) lead++;
        var tail = end;
        while (tail > lead && char.IsWhiteSpace(text[tail - 1])) tail--;
        return tail > lead ? new PathToken(lead, tail - lead, text[lead..tail]) : null;
    }

    /// <summary>Line breaks end it and blanks around it are trimmed by the reader.</summary>
    public static string? TrimmedLineRefusal(string path)
    {
        if (path.IndexOfAny(['\n', '\r']) >= 0) return "a line break ends the value";
        if (path.Length == 0 || char.IsWhiteSpace(path[0]) || char.IsWhiteSpace(path[^1])) return "blanks around a value are trimmed when it is read";
        return null;
    }

    /// <summary>A .pth line is a path unless it is a comment or an <c>import</c> line, which site.py runs or skips.</summary>
    public static string? PthLineRefusal(string path)
    {
        if (TrimmedLineRefusal(path) is { } why) return why;
        return path.StartsWith('#') || path.StartsWith("import ", StringComparison.Ordinal) || path.StartsWith("import\t", StringComparison.Ordinal)
            ? "site.py reads such a line as a comment or runs it as an import" : null;
    }

    /// <summary>A shebang's interpreter: up to the first blank or the line's end.</summary>
    public static PathToken? ReadShebangWord(string text, int start)
    {
        var end = start;
        while (end < text.Length && text[end] is not (' ' or '\t' or '\r' or '\n')) end++;
        return end > start ? new PathToken(start, end - start, text[start..end]) : null;
    }

    /// <summary>
    /// The kernel ends the interpreter at a blank and reads at most 127 bytes of the line (<c>#!</c>, path, newline:
    /// distlib's rule); such a path needs the exec form (<see cref="Repair.Rewriting.ShebangHeader"/> chooses it).
    /// </summary>
    public static string? ShebangRefusal(string path)
    {
        if (path.IndexOfAny([' ', '\t', '\n', '\r']) >= 0) return "the kernel ends a shebang's interpreter at a blank or line break";
        if (System.Text.Encoding.UTF8.GetByteCount(path) + 3 > MaxShebangBytes) return $"a shebang line holds at most {MaxShebangBytes} bytes";
        return null;
    }

    public const int MaxShebangBytes = 127;

    /// <summary>
    /// A Windows shebang (distlib's launchers, setuptools' <c>-script.py</c>): the launcher, not a kernel, reads it, so a
    /// path with a blank is written <c>"..."</c> (distlib's <c>enquote_executable</c>), with no length limit.
    /// </summary>
    public static string WriteWindowsShebang(string path) => path.IndexOfAny([' ', '\t']) >= 0 ? $"\"{path}\"" : path;

    /// <summary>A <c>"..."</c> interpreter of a Windows shebang (no escapes: a quote cannot be in a Windows path), or the bare rest of the line.</summary>
    public static PathToken? ReadWindowsShebang(string text, int start)
    {
        if (start < text.Length && text[start] == '"')
        {
            var close = text.IndexOf('"', start + 1);
            var eol = text.IndexOfAny(['\r', '\n'], start);
            if (close < 0 || (eol >= 0 && close > eol) || close == start + 1) return null;
            return new PathToken(start, close - start + 1, text[(start + 1)..close]);
        }
        // Bare: the rest of the line (launchers written by older tools put a blank path there unquoted).
        var end = text.IndexOfAny(['\r', '\n'], start);
        end = end < 0 ? text.Length : end;
        while (end > start && text[end - 1] is ' ' or '\t') end--;
        return end > start ? new PathToken(start, end - start, text[start..end]) : null;
    }

    /// <summary>A quote or a line break cannot be carried (neither can be in a Windows file name).</summary>
    public static string? WindowsShebangRefusal(string path) =>
        path.IndexOfAny(['"', '\r', '\n']) >= 0 ? "a Windows shebang cannot carry a quote or a line break" : null;

    /// <summary>cmd.exe's <c>set "VIRTUAL_ENV=..."</c>: raw up to the closing quote.</summary>
    public static PathToken? ReadBatValue(string text, int start)
    {
        var end = start;
        while (end < text.Length && text[end] is not ('"' or '\r' or '\n')) end++;
        return end > start ? new PathToken(start, end - start, text[start..end]) : null;
    }

    /// <summary>A quote ends the value, <c>%</c> expands a variable and a line break ends the command.</summary>
    public static string? BatRefusal(string path) =>
        path.IndexOfAny(['"', '%', '\n', '\r']) >= 0 ? "cmd.exe cannot hold \", % or a line break in set \"VAR=...\"" : null;

    private static int LineEnd(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        return end < 0 ? text.Length : end;
    }
}
