using System.Text.Json;
using System.Text.RegularExpressions;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy;

/// <summary>One editable-install record: the distribution it belongs to and the source path it points at.</summary>
public sealed record EditableInstall(string Distribution, RecordedPath Path);

/// <summary>
/// Reads editable-install records in a site-packages folder: <c>__editable__*.pth</c> path lines,
/// <c>__editable___*_finder.py</c> MAPPING values, <c>*.egg-link</c>, <c>easy-install.pth</c> and
/// <c>*.dist-info/direct_url.json</c> with <c>dir_info.editable</c>.
/// </summary>
public static partial class EditableInstalls
{
    public static IReadOnlyList<EditableInstall> Read(string sitePackages)
    {
        var found = new List<EditableInstall>();
        IEnumerable<string> entries;
        try { entries = Directory.EnumerateFileSystemEntries(sitePackages).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return found; }
        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            try
            {
                if (name.StartsWith("__editable__.", StringComparison.Ordinal) && name.EndsWith(".pth", StringComparison.Ordinal))
                    found.AddRange(PthLines(entry, DistributionOf(name["__editable__.".Length..^4]), RecordKind.EditablePth));
                else if (name.StartsWith("__editable___", StringComparison.Ordinal) && name.EndsWith("_finder.py", StringComparison.Ordinal))
                {
                    var text = WorkspaceFile.ReadText(entry, FileKind.PathFile);
                    found.AddRange(FinderMapping(entry, text, FinderDistribution(text, name["__editable___".Length..^"_finder.py".Length])));
                }
                else if (name.EndsWith(".egg-link", StringComparison.Ordinal))
                    found.AddRange(PthLines(entry, name[..^".egg-link".Length], RecordKind.EggLink).Take(1));
                else if (name == "easy-install.pth")
                    found.AddRange(PthLines(entry, "", RecordKind.EasyInstallPth));
                else if (name.EndsWith(".dist-info", StringComparison.Ordinal) && File.Exists(Path.Combine(entry, "direct_url.json")))
                    found.AddRange(DirectUrl(Path.Combine(entry, "direct_url.json"), DistributionOf(name[..^".dist-info".Length])));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { }
        }
        return found;
    }

    /// <summary>Path lines of a .pth / .egg-link file (not <c>import</c> lines, comments or blank lines).</summary>
    public static IEnumerable<EditableInstall> PthLines(string file, string distribution, RecordKind kind)
    {
        var text = WorkspaceFile.ReadText(file, FileKind.PathFile);
        var pos = 0;
        var line = 0;
        while (pos < text.Length)
        {
            line++;
            var eol = text.IndexOf('\n', pos);
            if (RecordedPathFormats.Read(RecordedPathFormats.PthLine, text, pos) is { } token && IsPathLine(token.Value))
            {
                var dist = distribution.Length > 0 ? distribution : Path.GetFileName(Paths.TrimAnySeparators(token.Value));
                yield return new EditableInstall(dist, new RecordedPath(file, kind, line, token.Start, token.Length, token.Value, RecordedPathFormats.PthLine));
            }
            pos = eol < 0 ? text.Length : eol + 1;
        }
    }

    /// <summary>site.py skips comments and runs <c>import</c> lines; <c>.</c> is the folder itself, not an install.</summary>
    private static bool IsPathLine(string value) =>
        !value.StartsWith('#') && !value.StartsWith("import ", StringComparison.Ordinal) && !value.StartsWith("import\t", StringComparison.Ordinal) && value != ".";

    /// <summary>The string values of setuptools' <c>MAPPING: dict[str, str] = {'pkg': '/abs/path/pkg'}</c>.</summary>
    public static IEnumerable<EditableInstall> FinderMapping(string file, string text, string distribution)
    {
        var m = MappingStart().Match(text);
        if (!m.Success) yield break;
        var i = m.Index + m.Length;
        var line = 1 + text.AsSpan(0, i).Count('\n');
        while (i < text.Length && text[i] != '}')
        {
            if (text[i] == '\n') { line++; i++; continue; }
            if (text[i] is '\'' or '"' && PythonRepr.TryDecode(text, i, out _, out var keyLength))
            {
                i += keyLength;
                while (i < text.Length && text[i] is ' ' or '\t' or ':') i++;
                if (RecordedPathFormats.Read(RecordedPathFormats.PythonRepr, text, i) is { } value)
                {
                    yield return new EditableInstall(distribution, new RecordedPath(file, RecordKind.EditableFinderMapping, line, value.Start, value.Length, value.Value, RecordedPathFormats.PythonRepr));
                    i += value.Length;
                }
                continue;
            }
            i++;
        }
    }

    /// <summary>PEP 610 direct_url.json when it says editable and the URL is a local file URL.</summary>
    public static IEnumerable<EditableInstall> DirectUrl(string file, string distribution)
    {
        var text = WorkspaceFile.ReadText(file, FileKind.DirectUrl);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) yield break;
        if (!root.TryGetProperty("dir_info", out var dirInfo) || dirInfo.ValueKind != JsonValueKind.Object
            || !dirInfo.TryGetProperty("editable", out var editable) || editable.ValueKind != JsonValueKind.True) yield break;
        if (!root.TryGetProperty("url", out var urlElement) || urlElement.GetString() is not { } url
            || !url.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) yield break;
        if (RecordedPathFormats.Read(RecordedPathFormats.FileUrl, url, 0) is not { } decoded) yield break;
        // The span covers the URL as written inside the JSON string (pip writes it without escapes).
        var at = text.IndexOf(url, StringComparison.Ordinal);
        var line = at < 0 ? 0 : 1 + text.AsSpan(0, at).Count('\n');
        yield return new EditableInstall(distribution, new RecordedPath(file, RecordKind.DirectUrl, line, Math.Max(at, 0), at < 0 ? 0 : url.Length, decoded.Value, RecordedPathFormats.FileUrl));
    }

    /// <summary>
    /// The distribution a finder belongs to. Its file name turns every non-identifier character into "_"
    /// (<c>Py_3D.Tools-2.0.1</c> → <c>Py_3D_Tools_2_0_1</c>), so where the name and the version meet is lost when a
    /// name part starts with a digit. setuptools also writes the unmangled <c>__editable__.NAME-VERSION.finder</c>
    /// (its <c>PATH_PLACEHOLDER</c>) into the file: read the name from there, and from the file name only without it.
    /// </summary>
    private static string FinderDistribution(string text, string fileStem)
    {
        var m = FinderPlaceholder().Match(text);
        return DistributionOf(m.Success ? m.Groups[1].Value : fileStem);
    }

    /// <summary>"my_pkg-1.0" → "my_pkg" (the name part of a NAME-VERSION file stem).</summary>
    private static string DistributionOf(string stem)
    {
        var m = NameVersion().Match(stem);
        return m.Success ? m.Groups[1].Value : stem;
    }

    [GeneratedRegex(@"MAPPING\s*(?::[^=]*)?=\s*\{")]
    private static partial Regex MappingStart();

    [GeneratedRegex(@"['""]__editable__\.([^'""\s]+)\.finder['""]")]
    private static partial Regex FinderPlaceholder();

    // Name, then "-" or "_" and a version starting with a digit (the finder file uses "_" for both).
    [GeneratedRegex(@"^(.+?)[-_](\d[\w.+!]*)$")]
    private static partial Regex NameVersion();
}
