using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>
/// Where an environment's files say it lives: VIRTUAL_ENV in its activation scripts (the most common value),
/// else pyvenv.cfg <c>command</c>'s target, else the folder above the console scripts' interpreter.
/// </summary>
internal static class RecordedLocation
{
    public static string? Of(EnvironmentFacts facts)
    {
        var fromActivate = facts.ActivationScripts.SelectMany(a => a.Paths).Select(p => Normalise(p.Value))
            .GroupBy(v => v).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        if (fromActivate is not null) return fromActivate;
        if (facts.Config?.CommandTarget() is { } command) return Normalise(command.Value);
        var interpreter = facts.ConsoleScripts.Select(s => s.Interpreter?.Value).FirstOrDefault(v => v is not null && v.Contains("/bin/python"));
        if (interpreter is not null) return Normalise(Path.GetDirectoryName(Path.GetDirectoryName(interpreter))!);
        return null;
    }

    public static string Normalise(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    /// <summary>The recorded value rebased from <paramref name="from"/> to <paramref name="to"/>, or null when it is not inside <paramref name="from"/>.</summary>
    public static string? Rebase(string value, string from, string to)
    {
        if (value == from) return to;
        if (value.StartsWith(from + "/", StringComparison.Ordinal)) return to + value[from.Length..];
        return null;
    }
}
