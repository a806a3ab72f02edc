using VenvDoctor.Core.Platform;
namespace VenvDoctor.Core.Anatomy;

/// <summary>A place an environment's files say it lives, with every record that says so (highest priority first).</summary>
public sealed record RecordedLocation(string Location, IReadOnlyList<RecordedPath> Evidence);

/// <summary>
/// The one answer to "where do this environment's files say it lives", for diagnosis (<c>moved</c>, <c>copied</c>),
/// repair (the old place relocate and make-independent rewrite from) and watching (a moved environment's identity).
/// Three kinds of record name the location; they are ranked by how reliably each still names the place the
/// environment was made at after a move or a copy (<c>docs/protocol.md</c> §3, "Where the files say an environment lives"):
/// <list type="number">
/// <item><c>VIRTUAL_ENV</c> in the activation scripts: written by every tool and version (venv since 3.3,
///   virtualenv, uv unless <c>--relocatable</c>, legacy virtualenv) when the environment is made, and rewritten by
///   nothing a user runs day to day.</item>
/// <item>pyvenv.cfg <c>command</c>'s last argument: CPython 3.11+ venv only, and <c>python -m venv --upgrade</c> run
///   in the new place rewrites it while every script still names the old one.</item>
/// <item>the folder of the console scripts' interpreter (<c>/p/bin/python</c> → <c>/p</c>): pip writes it at each
///   install, so a package installed after a move names the new place; a script may also run an interpreter that
///   is no environment's (<c>#!/usr/bin/python3</c>: no location of ours).</item>
/// </list>
/// A location ranks by the best kind of record that names it; among locations named by the same best kind, the one
/// more records name comes first. Each location lists every record that names it, of any kind, in that order.
/// Paths written for another OS are left to the foreign-platform rule.
/// </summary>
public static class RecordedLocations
{
    /// <summary>Every recorded location, highest priority first; <paramref name="isEnvironment"/> says whether an environment (this one or another) lives at a path now.</summary>
    /// <remarks>
    /// A venv marked <c>relocatable = true</c> (uv <c>--relocatable</c>, make-relocatable) is made to be moved: its
    /// <c>command</c> names where it was made, not where it must be, so only its scripts can say it moved.
    /// </remarks>
    public static IReadOnlyList<RecordedLocation> Find(EnvironmentFacts facts, Func<string, bool> isEnvironment) =>
        Rank(facts.ActivationScripts.SelectMany(a => a.Paths), facts.Config is { Relocatable: false } config ? config.CommandTarget() : null, ScriptLocations(facts, isEnvironment));

    /// <summary>
    /// The highest-priority recorded location, or null when the files record none. Whether an environment lives at
    /// a path is read from the disk (this one, by real path, or any folder the locators recognise).
    /// </summary>
    public static string? Primary(EnvironmentFacts facts) =>
        Find(facts, l => PathResolver.SamePlace(l, facts.Path) || Discovery.Locators.EnvironmentLocators.IsEnvironmentFolder(l)).FirstOrDefault()?.Location;

    /// <summary>
    /// Ranks records already read (activation paths, the command target, console scripts' locations) by the
    /// priority above. A caller that reads only the first two kinds (the watcher, which must stay cheap) passes none
    /// of the third.
    /// </summary>
    public static IReadOnlyList<RecordedLocation> Rank(IEnumerable<RecordedPath> activation, RecordedPath? command,
        IEnumerable<(string Location, RecordedPath Record)> scripts)
    {
        var ranked = new List<(string Location, int Kind, List<RecordedPath> Records)>();
        var byLocation = new Dictionary<string, int>(Platform.Host.PathComparer);
        void Add(string location, int kind, RecordedPath record)
        {
            if (PlatformPaths.IsForeign(location)) return;
            location = Paths.TrimAnySeparators(location);
            var key = PlatformPaths.ComparisonKey(location);
            if (!byLocation.TryGetValue(key, out var i))
            {
                byLocation[key] = i = ranked.Count;
                ranked.Add((location, kind, []));
            }
            ranked[i].Records.Add(record);
        }

        foreach (var p in activation) Add(p.Value, 0, p);
        if (command is not null && Path.IsPathRooted(command.Value)) Add(command.Value, 1, command);
        foreach (var (location, record) in scripts) Add(location, 2, record);
        return ranked
            .Select((l, order) => (l, order))
            .OrderBy(x => x.l.Kind).ThenByDescending(x => x.l.Records.Count).ThenBy(x => x.order)
            .Select(x => new RecordedLocation(x.l.Location, x.l.Records))
            .ToList();
    }

    /// <summary>
    /// The location each console script's interpreter records. Thousands of scripts name a handful of interpreters:
    /// decided once per interpreter path.
    /// </summary>
    private static IEnumerable<(string Location, RecordedPath Record)> ScriptLocations(EnvironmentFacts facts, Func<string, bool> isEnvironment)
    {
        var decided = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var script in facts.ConsoleScripts)
        {
            if (script.Interpreter is not { } p) continue;
            if (!decided.TryGetValue(p.Value, out var location))
                decided[p.Value] = location = LocationRecordedBy(p.Value, isEnvironment);
            if (location is not null) yield return (location, p);
        }
    }

    /// <summary>
    /// A script that runs some existing interpreter outside any environment (<c>#!/usr/bin/python3</c>) records no
    /// location of ours; one whose interpreter is gone or inside an environment does.
    /// </summary>
    private static string? LocationRecordedBy(string interpreter, Func<string, bool> isEnvironment)
    {
        if (PlatformPaths.IsForeign(interpreter) || LocationOfInterpreter(interpreter) is not { } location) return null;
        if (File.Exists(interpreter) && !isEnvironment(location)) return null;
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
    public static bool IsWindowsStyle(string path) => WindowsPaths.IsDriveAbsolute(path) || path.StartsWith(@"\\", StringComparison.Ordinal);

    public static bool IsPosixStyle(string path) => path.StartsWith('/');

    public static bool IsForeign(string path) => Platform.Host.IsWindows ? IsPosixStyle(path) && !path.StartsWith("//") : IsWindowsStyle(path);

    /// <summary>
    /// The key two recorded paths of this host share when they name the same place as text: on Windows, normalised
    /// (<c>\\?\</c>, slashes, trailing separators) and compared ignoring case (<see cref="Platform.Host.PathComparer"/>).
    /// </summary>
    public static string ComparisonKey(string path) => Platform.Host.IsWindows && IsWindowsStyle(path) ? WindowsPaths.Normalize(path) : Paths.TrimAnySeparators(path);
}
