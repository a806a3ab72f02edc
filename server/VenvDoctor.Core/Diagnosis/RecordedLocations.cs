using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>A place an environment's files say it lives, with every record that says so.</summary>
public sealed record RecordedLocation(string Location, IReadOnlyList<RecordedPath> Evidence);

/// <summary>
/// Gathers where the environment's files say it lives: activation scripts (VIRTUAL_ENV), pyvenv.cfg
/// <c>command</c>'s last argument, and console-script interpreters (their <c>…/bin/python</c> minus <c>bin/python</c>).
/// Windows-style paths on POSIX (and the reverse) are left to the foreign-platform rule.
/// </summary>
public static class RecordedLocations
{
    public static IReadOnlyList<RecordedLocation> Find(DiagnosisContext context)
    {
        var facts = context.Facts;
        var byLocation = new Dictionary<string, List<RecordedPath>>(StringComparer.Ordinal);
        void Add(string location, RecordedPath evidence)
        {
            if (PlatformPaths.IsForeign(location)) return;
            location = location.Length > 1 ? location.TrimEnd('/', '\\') : location;
            if (!byLocation.TryGetValue(location, out var list)) byLocation[location] = list = [];
            list.Add(evidence);
        }

        if (facts.Config?.CommandTarget() is { } command && Path.IsPathRooted(command.Value))
            Add(command.Value, command);
        foreach (var script in facts.ActivationScripts)
            foreach (var p in script.Paths)
                Add(p.Value, p);
        // Thousands of scripts name a handful of interpreters: decide once per interpreter path.
        var decided = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var script in facts.ConsoleScripts)
        {
            if (script.Interpreter is not { } p) continue;
            if (!decided.TryGetValue(p.Value, out var location))
                decided[p.Value] = location = LocationRecordedBy(context, p.Value);
            if (location is not null) Add(location, p);
        }
        return byLocation.Select(kv => new RecordedLocation(kv.Key, kv.Value)).OrderByDescending(l => l.Evidence.Count).ToList();
    }

    /// <summary>
    /// The location a script's interpreter records. A script that runs some existing interpreter outside any
    /// environment (<c>#!/usr/bin/python3</c>) records no location of ours; one whose interpreter is gone or inside
    /// an environment does.
    /// </summary>
    private static string? LocationRecordedBy(DiagnosisContext context, string interpreter)
    {
        if (PlatformPaths.IsForeign(interpreter) || LocationOfInterpreter(interpreter) is not { } location) return null;
        if (File.Exists(interpreter) && !context.IsSelf(location) && !context.IsEnvironment(location)) return null;
        return location;
    }

    /// <summary><c>/p/bin/python3.11</c> → <c>/p</c>; null when the path is not an interpreter in a bin/Scripts folder.</summary>
    public static string? LocationOfInterpreter(string interpreter)
    {
        var sep = interpreter.Contains('\\') && !interpreter.Contains('/') ? '\\' : '/';
        var cut = interpreter.TrimEnd(sep).LastIndexOf(sep);
        if (cut <= 0) return null;
        var name = interpreter[(cut + 1)..];
        if (!EnvironmentFactsReader.IsInterpreterName(name)) return null;
        var bin = interpreter[..cut];
        var cut2 = bin.LastIndexOf(sep);
        if (cut2 < 0) return null;
        var binName = bin[(cut2 + 1)..];
        if (binName != "bin" && !binName.Equals("Scripts", StringComparison.OrdinalIgnoreCase)) return null;
        return cut2 == 0 ? sep.ToString() : bin[..cut2];
    }
}

/// <summary>Tells paths written for another OS: <c>C:\…</c> / <c>\\server\…</c> on POSIX, <c>/…</c> on Windows.</summary>
public static class PlatformPaths
{
    public static bool IsWindowsStyle(string path) =>
        (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/') || path.StartsWith(@"\\", StringComparison.Ordinal);

    public static bool IsPosixStyle(string path) => path.StartsWith('/');

    public static bool IsForeign(string path) => OperatingSystem.IsWindows() ? IsPosixStyle(path) && !path.StartsWith("//") : IsWindowsStyle(path);
}
