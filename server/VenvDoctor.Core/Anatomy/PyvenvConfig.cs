using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy;

/// <summary>One <c>key = value</c> line of pyvenv.cfg. <see cref="ValueStart"/>/<see cref="ValueLength"/> locate the value in the text.</summary>
public sealed record PyvenvEntry(string Key, string Value, int Line, int ValueStart, int ValueLength);

/// <summary>A line of pyvenv.cfg that could not be read, with its 1-based line number.</summary>
public sealed record PyvenvParseError(int Line, string Message);

/// <summary>
/// pyvenv.cfg as written by venv, virtualenv or uv. Keys are lower-cased; a duplicate key's last value wins, as in
/// CPython's <c>site.py</c>. Parsing never throws: what could not be read is in <see cref="Errors"/> and the rest is kept.
/// </summary>
public sealed class PyvenvConfig
{
    public required string File { get; init; }
    public required IReadOnlyList<PyvenvEntry> Entries { get; init; }
    public required IReadOnlyList<PyvenvParseError> Errors { get; init; }

    /// <summary>The last entry with this key (case-insensitive), or null.</summary>
    public PyvenvEntry? Entry(string key)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
            if (string.Equals(Entries[i].Key, key, StringComparison.OrdinalIgnoreCase)) return Entries[i];
        return null;
    }

    public string? Get(string key) => Entry(key)?.Value;

    public string? Home => Get("home");
    public string? Executable => Get("executable");
    public string? Command => Get("command");
    public string? BaseExecutable => Get("base-executable");
    public string? BasePrefix => Get("base-prefix");
    /// <summary>uv's version (<c>uv = 0.4.x</c>) when uv made it.</summary>
    public string? Uv => Get("uv");
    /// <summary>virtualenv's version when pypa virtualenv made it.</summary>
    public string? Virtualenv => Get("virtualenv");
    public bool IncludeSystemSitePackages => IsTrue(Get("include-system-site-packages"));
    /// <summary>uv <c>--relocatable</c>.</summary>
    public bool Relocatable => IsTrue(Get("relocatable"));

    /// <summary>X.Y.Z from <c>version</c> (venv) or <c>version_info</c> (virtualenv/uv: <c>3.12.1.final.0</c>).</summary>
    public string? Version
    {
        get
        {
            var v = Get("version") ?? Get("version_info");
            if (v is null) return null;
            var parts = v.Split('.');
            return parts.Length >= 3 && parts.Take(3).All(p => p.Length > 0 && p.All(char.IsAsciiDigit))
                ? string.Join('.', parts.Take(3))
                : parts.Length == 2 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) ? v : null;
        }
    }

    /// <summary>X.Y of <see cref="Version"/>.</summary>
    public string? Minor => Version is { } v ? string.Join('.', v.Split('.').Take(2)) : null;

    /// <summary>The prompt: 3.13 writes a Python repr (<c>'my proj'</c>), uv/virtualenv a bare value.</summary>
    public string? Prompt => Get("prompt") is { } p ? PythonRepr.TryDecode(p, 0, out var s, out var len) && len == p.Length ? s : p : null;

    /// <summary>
    /// The venv's original location as recorded by <c>command</c> (3.11+): its last argument, located in the file.
    /// CPython writes the folder unquoted (it may hold spaces), after flags such as <c>--prompt="my proj"</c>.
    /// </summary>
    public RecordedPath? CommandTarget()
    {
        if (Entry("command") is not { } e) return null;
        var v = e.Value;
        var m = v.IndexOf(" -m venv ", StringComparison.Ordinal);
        var i = m >= 0 ? m + " -m venv ".Length : -1;
        if (i < 0)
        {
            // uv/virtualenv do not write command; other tools may use "-m virtualenv".
            m = v.IndexOf(" -m virtualenv ", StringComparison.Ordinal);
            if (m < 0) return null;
            i = m + " -m virtualenv ".Length;
        }
        while (i < v.Length)
        {
            while (i < v.Length && v[i] == ' ') i++;
            if (i >= v.Length || v[i] != '-') break;
            // A flag: up to the next space outside double quotes (--prompt="my proj").
            var inQuotes = false;
            while (i < v.Length && (inQuotes || v[i] != ' '))
            {
                if (v[i] == '"') inQuotes = !inQuotes;
                i++;
            }
        }
        if (i >= v.Length) return null;
        var target = v[i..].TrimEnd();
        return new RecordedPath(File, RecordKind.PyvenvCommand, e.Line, e.ValueStart + i, target.Length, target, RecordedPathFormats.CfgCommandArgument);
    }

    /// <summary>The path-valued keys as recorded paths (home, executable, base-executable, base-prefix) plus the command's target.</summary>
    public IEnumerable<RecordedPath> RecordedPaths()
    {
        foreach (var (key, kind) in new[] { ("home", RecordKind.PyvenvHome), ("executable", RecordKind.PyvenvExecutable), ("base-executable", RecordKind.PyvenvBaseExecutable), ("base-prefix", RecordKind.PyvenvBasePrefix) })
            if (Entry(key) is { Value.Length: > 0 } e)
                yield return new RecordedPath(File, kind, e.Line, e.ValueStart, e.ValueLength, e.Value, RecordedPathFormats.CfgValue);
        if (CommandTarget() is { } c) yield return c;
    }

    private static bool IsTrue(string? v) => v is not null && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1" || v.Equals("yes", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Parses pyvenv.cfg text tolerantly: CRLF, BOM, comments (<c>#</c>, <c>;</c>), blank lines, duplicate keys.</summary>
public static class PyvenvConfigParser
{
    /// <summary>
    /// Reads and parses a file. A file that cannot be read — unreadable, not a regular file, over its cap — gives a
    /// config with one error at line 0 saying why (the config-invalid finding).
    /// </summary>
    public static PyvenvConfig Read(string file) => FromRead(file, WorkspaceFile.Read(file, FileKind.PyvenvConfig));

    /// <summary>
    /// As <see cref="Read"/>, but null when nothing carries the name (nor a link that leads somewhere): a FIFO, a
    /// socket, a folder or a loop of links named pyvenv.cfg is there and is config-invalid with its reason, not missing.
    /// </summary>
    public static PyvenvConfig? ReadIfPresent(string file)
    {
        var read = WorkspaceFile.Read(file, FileKind.PyvenvConfig);
        return read.Refusal == FileRefusal.Missing ? null : FromRead(file, read);
    }

    private static PyvenvConfig FromRead(string file, FileRead read)
    {
        if (read.Bytes is not { } bytes)
            return new PyvenvConfig { File = file, Entries = [], Errors = [new PyvenvParseError(0, $"it {read.Reason}")] };
        if (BinaryFiles.Sniff(bytes) != BinaryKind.Text || !IsUtf8(bytes))
            return new PyvenvConfig { File = file, Entries = [], Errors = [new PyvenvParseError(0, "pyvenv.cfg is not UTF-8 text (binary or corrupted content)")] };
        return Parse(file, WorkspaceFile.Decode(bytes));
    }

    /// <summary>Parses text as read by <c>File.ReadAllText</c> (a BOM there is already gone; one left in the string is skipped).</summary>
    public static PyvenvConfig Parse(string file, string text)
    {
        var entries = new List<PyvenvEntry>();
        var errors = new List<PyvenvParseError>();
        var pos = 0;
        var line = 0;
        if (text.Length > 0 && text[0] == '\uFEFF') pos = 1;
        while (pos < text.Length)
        {
            line++;
            var eol = text.IndexOf('\n', pos);
            var end = eol < 0 ? text.Length : eol;
            var contentEnd = end > pos && text[end - 1] == '\r' ? end - 1 : end;
            ParseLine(text, pos, contentEnd, line, entries, errors);
            pos = eol < 0 ? text.Length : eol + 1;
        }
        if (entries.Count == 0 && errors.Count == 0)
            errors.Add(new PyvenvParseError(0, "pyvenv.cfg is empty"));
        return new PyvenvConfig { File = file, Entries = entries, Errors = errors };
    }

    private static void ParseLine(string text, int start, int end, int line, List<PyvenvEntry> entries, List<PyvenvParseError> errors)
    {
        var s = start;
        while (s < end && char.IsWhiteSpace(text[s])) s++;
        if (s == end || text[s] == '#' || text[s] == ';') return;
        for (var i = s; i < end; i++)
            if (char.IsControl(text[i]) && text[i] != '\t')
            {
                errors.Add(new PyvenvParseError(line, $"line {line} holds control characters"));
                return;
            }
        var eq = text.IndexOf('=', s, end - s);
        if (eq < 0)
        {
            var shown = text[s..end];
            errors.Add(new PyvenvParseError(line, $"line {line} is not 'key = value': {(shown.Length > 60 ? shown[..60] + "…" : shown)}"));
            return;
        }
        var key = text[s..eq].Trim();
        if (key.Length == 0)
        {
            errors.Add(new PyvenvParseError(line, $"line {line} has a value but no key"));
            return;
        }
        // The value is read by the format table's cfg-value reader, the same one detection and every rewrite use:
        // the rest of the line, blanks around it trimmed (as site.py's value.strip()).
        var token = RecordedPathFormats.Read(RecordedPathFormats.CfgValue, text[s..end], eq + 1 - s);
        entries.Add(token is { } t
            ? new PyvenvEntry(key.ToLowerInvariant(), t.Value, line, s + t.Start, t.Length)
            : new PyvenvEntry(key.ToLowerInvariant(), "", line, end, 0));
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try { new System.Text.UTF8Encoding(false, true).GetCharCount(bytes); return true; }
        catch (System.Text.DecoderFallbackException) { return false; }
    }
}
