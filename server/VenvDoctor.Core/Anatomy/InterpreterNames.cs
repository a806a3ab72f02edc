using VenvDoctor.Core.Platform;
namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// The interpreter names an environment's creator puts in bin/ (Scripts\), which of them are missing or broken inside
/// the environment, and how to put them back as the creator wrote them. Facts only: diagnosis (the
/// interpreter-link-missing rule), its suggestion and the restore-interpreter-links action all ask here.
/// </summary>
/// <remarks>
/// The names, observed with the real creators: CPython's venv makes <c>python</c>, <c>python3</c> and, from 3.9,
/// <c>python3.X</c>; virtualenv and uv make all three for every version; a Windows layout has <c>python.exe</c> and
/// <c>pythonw.exe</c>. One of them — the one named after the interpreter that created the environment (pyvenv.cfg
/// <c>command</c>'s first word, else <c>python</c>) — is an absolute link to the base; the others are relative links
/// to that one (<c>python3 -> python</c>; Debian: <c>python -> python3</c>, <c>python3 -> /usr/bin/python3</c>).
/// </remarks>
public sealed record InterpreterNames(
    IReadOnlyList<string> Expected,
    IReadOnlyList<string> Missing,
    IReadOnlyList<InterpreterEntry> Broken,
    string AnchorName,
    bool AnchorPresent,
    string? BaseTarget)
{
    /// <summary>True when some expected name is missing, or leads to a name of bin/ that is missing.</summary>
    public bool HasGaps => Missing.Count > 0 || Broken.Count > 0;

    /// <summary>True when the gaps can be filled: an interpreter of the environment's own is live, or its base exists to link to.</summary>
    public bool Restorable => AnchorPresent || BaseTarget is not null;

    /// <summary>The check for a POSIX layout (or a Windows layout on Windows); null when there is nothing to check.</summary>
    public static InterpreterNames? Of(EnvironmentFacts facts)
    {
        if (facts.ScriptsFolder is not { } bin || facts.Config is null) return null;
        var windows = facts.Layout == EnvironmentLayout.Windows;
        if (windows != Host.IsWindows || facts.Layout == EnvironmentLayout.Unknown) return null;
        var expected = ExpectedNames(facts);
        if (expected.Count == 0) return null;
        var present = facts.Interpreters.ToDictionary(i => Path.GetFileName(i.Path), StringComparer.Ordinal);
        // Broken inside: the chain stops at a name of bin/ that does not exist (python3 -> python, python deleted).
        var broken = facts.Interpreters.Where(i => i.Dangling && MissingNameLedTo(i, bin) is not null).ToList();
        // A name the others lead to was made by the creator too, even where the version alone does not say so
        // (3.8's venv run as python3.8 makes python3.8 beside python and python3).
        var ledTo = broken.Select(b => MissingNameLedTo(b, bin)!).Where(EnvironmentFactsReader.IsInterpreterName).Distinct(StringComparer.Ordinal).ToList();
        var missing = expected.Concat(ledTo).Distinct(StringComparer.Ordinal).Where(n => !present.ContainsKey(n)).ToList();
        var (anchorName, anchorPresent, baseTarget) = Anchor(facts, expected, ledTo, bin);
        return new InterpreterNames(expected, missing, broken, anchorName, anchorPresent, baseTarget);
    }

    /// <summary>
    /// The names the creator makes, from pyvenv.cfg's version (else the lone lib/pythonX.Y): see the remarks.
    /// Public for the Windows layout, which is checked as data on every OS.
    /// </summary>
    public static IReadOnlyList<string> ExpectedNames(EnvironmentFacts facts)
    {
        if (facts.Layout == EnvironmentLayout.Windows) return ["python.exe", "pythonw.exe"];
        if (facts.Interpreters.Any(i => Path.GetFileName(i.Path).StartsWith("pypy", StringComparison.Ordinal))) return ["python"];
        var minor = facts.Config?.Minor ?? (facts.LibMinors.Count == 1 ? facts.LibMinors[0] : null);
        if (minor is null || minor.Split('.') is not [var major, var minorNumber] || !int.TryParse(minorNumber, out var y)) return ["python"];
        var names = new List<string> { "python", "python" + major };
        var cpythonVenv = facts.Config?.Virtualenv is null && facts.Config?.Uv is null;
        if (!(cpythonVenv && major == "3" && y < 9)) names.Add("python" + minor);
        return names;
    }

    /// <summary>The name of bin/ a dangling entry's chain stops at, when nothing has that name; null when it stops elsewhere (a base that is gone) or loops.</summary>
    private static string? MissingNameLedTo(InterpreterEntry entry, string bin)
    {
        var (stoppedAt, _) = PathResolver.Resolve(entry.Path);
        return Path.GetDirectoryName(stoppedAt) == bin && !Path.Exists(stoppedAt) && new FileInfo(stoppedAt).LinkTarget is null ? Path.GetFileName(stoppedAt) : null;
    }

    /// <summary>
    /// The name the others lead to: a live entry that is a real file or an absolute link (the creator's), else the
    /// name pyvenv.cfg's <c>command</c> ran (or the one the broken names lead to), to be linked to that interpreter or another the base records
    /// (<c>base-executable</c>, <c>executable</c>, <c>home</c>) — no target when none exists.
    /// </summary>
    private static (string Name, bool Present, string? BaseTarget) Anchor(EnvironmentFacts facts, IReadOnlyList<string> expected, IReadOnlyList<string> ledTo, string bin)
    {
        var live = facts.Interpreters.Where(i => !i.Dangling).ToList();
        var own = live.FirstOrDefault(i => !i.IsLink || Path.IsPathRooted(i.Target!)) ?? live.FirstOrDefault(i => expected.Contains(Path.GetFileName(i.Path)));
        if (own is not null) return (Path.GetFileName(own.Path), true, null);
        var config = facts.Config!;
        var ran = config.Command is { } command ? command.Split(' ', 2)[0] : null;
        var name = ran is not null && (expected.Contains(Path.GetFileName(ran)) || ledTo.Contains(Path.GetFileName(ran))) ? Path.GetFileName(ran)
            : ledTo.Count > 0 ? ledTo[0] : expected[0];
        string?[] candidates = [ran, config.BaseExecutable, config.Executable,
            config.Home is { } home ? Path.Combine(home, name) : null,
            config.Home is { } h && config.Minor is { } m ? Path.Combine(h, "python" + m) : null];
        var target = candidates.FirstOrDefault(c => c is not null && Path.IsPathRooted(c) && File.Exists(c) && !Paths.IsUnderOrEqual(c, bin));
        return (name, false, target);
    }
}
