using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>
/// Where the base of a venv lives according to pyvenv.cfg <c>home</c>. A venv made from another venv's python
/// by 3.8–3.10 records <c>home = &lt;outer venv&gt;/bin</c>: the outer venv's own <c>home</c> is followed then.
/// </summary>
public sealed record BaseLocation(string Home, string? Prefix, bool HomeExists, string? ThroughEnvironment)
{
    private const int MaxDepth = 8;

    public static BaseLocation? FromHome(string? home)
    {
        if (home is null || !Path.IsPathRooted(home) || PlatformPaths.IsForeign(home)) return null;
        string? through = null;
        var current = home;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var trimmed = Paths.TrimAnySeparators(current);
            var prefix = Path.GetDirectoryName(trimmed);
            var exists = Directory.Exists(trimmed);
            if (prefix is null) return new BaseLocation(home, null, exists, through);
            var cfg = Path.Combine(prefix, "pyvenv.cfg");
            if (!exists) return new BaseLocation(home, prefix, false, through);
            if (!File.Exists(cfg)) return new BaseLocation(home, prefix, true, through);
            through ??= prefix;
            var outer = PyvenvConfigParser.Read(cfg).Home;
            if (outer is null || !Path.IsPathRooted(outer)) return new BaseLocation(home, null, true, through);
            current = outer;
        }
        return new BaseLocation(home, null, true, through);
    }
}
