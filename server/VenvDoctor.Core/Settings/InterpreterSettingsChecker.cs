using System.Text.Json;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Settings;

/// <summary>
/// Checks the IDE's interpreter setting of a workspace root: <c>python.defaultInterpreterPath</c> (or the legacy
/// <c>python.pythonPath</c>) in <c>.vscode/settings.json</c> and in the <c>settings</c> object of each
/// <c>*.code-workspace</c> at the root. Reports whether the path resolves (expanded by <see cref="SettingVariables"/>),
/// and when it does not,
/// suggests a replacement: the interpreter of the environment that moved away from that path (its <c>moved</c> /
/// <c>copied</c> finding's <c>recordedPath</c> is a prefix of the setting), else the healthiest, closest environment
/// in that folder. Reads files only.
/// </summary>
public sealed class InterpreterSettingsChecker : IInterpreterSettingsSource
{
    public static readonly IReadOnlyList<string> Keys = ["python.defaultInterpreterPath", "python.pythonPath"];

    // Deeper than System.Text.Json's default of 64, so a settings file nested for no reason is still checked;
    // the parse is iterative, so the bound is one of memory (at most the file's cap), not of the stack.
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 1024 };

    /// <inheritdoc />
    public IReadOnlyList<InterpreterSetting> Check(IReadOnlyList<string> roots, IReadOnlyList<PythonEnvironment> environments,
        IReadOnlyList<BaseInterpreter> interpreters, CancellationToken cancellationToken) =>
        roots.SelectMany(r => Check(r, environments)).ToList();

    /// <summary>The interpreter settings found at <paramref name="root"/>, each checked against <paramref name="environments"/> (diagnosed).</summary>
    public static IReadOnlyList<InterpreterSetting> Check(string root, IReadOnlyList<PythonEnvironment> environments)
    {
        var results = new List<InterpreterSetting>();
        var settingsJson = Path.Combine(root, ".vscode", "settings.json");
        if (File.Exists(settingsJson))
            results.AddRange(FromObject(settingsJson, root, environments, doc => doc));
        IEnumerable<string> workspaces;
        try { workspaces = Directory.Exists(root) ? Directory.EnumerateFiles(root, "*.code-workspace").ToList() : []; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { workspaces = []; }
        foreach (var ws in workspaces)
            results.AddRange(FromObject(ws, Path.GetDirectoryName(ws)!, environments,
                doc => doc.TryGetProperty("settings", out var s) && s.ValueKind == JsonValueKind.Object ? s : null));
        return results;
    }

    private static IEnumerable<InterpreterSetting> FromObject(string file, string folder, IReadOnlyList<PythonEnvironment> environments, Func<JsonElement, JsonElement?> settingsOf)
    {
        var (doc, unreadable) = Parse(file);
        if (doc is null)
        {
            // Never skipped in silence: a file not read completely may hold a stale interpreter path.
            if (unreadable is not null) yield return InterpreterSetting.NotRead(file, unreadable);
            yield break;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || settingsOf(doc.RootElement) is not { ValueKind: JsonValueKind.Object } settings) yield break;
            foreach (var key in Keys)
            {
                if (!settings.TryGetProperty(key, out var v) || v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 } value) continue;
                var expanded = SettingVariables.Expand(value, folder);
                var resolves = Resolves(expanded);
                yield return new InterpreterSetting(file, key, value, resolves, resolves ? null : Suggest(expanded, folder, environments));
            }
        }
    }

    /// <summary>The settings file parsed, or why it could not be read completely (null for both: it vanished, or is not JSON).</summary>
    private static (JsonDocument? Doc, string? Unreadable) Parse(string file)
    {
        var read = WorkspaceFile.Read(file, FileKind.Settings);
        if (read.Refusal == FileRefusal.Missing) return (null, null);
        if (read.Bytes is not { } bytes) return (null, read.Reason);
        try { return (JsonDocument.Parse(bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0), JsonOptions), null); }
        // System.Text.Json says a nesting past MaxDepth only in its message (no error code); its runtime ships English only.
        catch (JsonException e) when (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return (null, $"is nested deeper than the {JsonOptions.MaxDepth} levels read");
        }
        // Not JSON at all (half-typed, or some other file): there is no setting to check, as VS Code itself would find none.
        catch (JsonException) { return (null, null); }
    }

    /// <summary>An interpreter file (through its links), or an environment folder holding one.</summary>
    private static bool Resolves(string path)
    {
        if (File.Exists(path)) return PathResolver.RealPath(path) is not null;
        if (Directory.Exists(path))
            return new[] { "bin/python", "bin/python3", "Scripts/python.exe" }.Any(p => PathResolver.RealPath(Path.Combine(path, p)) is not null);
        return false;
    }

    private static string? Suggest(string expanded, string folder, IReadOnlyList<PythonEnvironment> environments)
    {
        // 1. The environment that moved away from this path: map the rest of the path onto its new place.
        foreach (var env in environments)
            foreach (var f in env.Findings.Where(f => f.Code is FindingCodes.Moved or FindingCodes.Copied))
            {
                if (!f.Data.TryGetValue("recordedPath", out var old) || f.Code == FindingCodes.Copied && !Paths.IsUnderOrEqual(env.Path, folder)) continue;
                if (Paths.Rebase(expanded, old, env.Path) is not { } mapped) continue;
                return File.Exists(mapped) || Directory.Exists(mapped) ? mapped : env.Interpreter;
            }
        // 2. The best environment in this folder: healthiest, then closest to the folder.
        return environments
            .Where(e => e.Interpreter is not null && Paths.IsUnderOrEqual(e.Path, folder))
            .OrderBy(e => e.Health)
            .ThenBy(e => e.Path.Count(c => c == '/'))
            .ThenBy(e => e.Path, StringComparer.Ordinal)
            .Select(e => e.Interpreter)
            .FirstOrDefault();
    }
}
