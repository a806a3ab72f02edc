using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>
/// The tag in a compiled extension module's file name, which decides whether an interpreter even looks at it
/// (<c>importlib.machinery.EXTENSION_SUFFIXES</c>): <c>cpython-312-x86_64-linux-gnu</c> (<see cref="Minor"/> 3.12,
/// <see cref="Flags"/> "" — <c>t</c> free-threaded, <c>d</c> debug, <c>m</c> pymalloc before 3.8 —, <see cref="Platform"/>),
/// <c>abi3</c> (stable ABI), Windows' <c>cp312-win_amd64</c>, PyPy's <c>pypy310-pp73-...</c>; none for a bare
/// <c>.so</c>/<c>.pyd</c>.
/// </summary>
public sealed partial record ExtensionTag(string Text, string Implementation, string? Minor, string Flags, string? Platform)
{
    public bool IsAbi3 => Implementation == "abi3";

    /// <summary>The tag of a module file name, or null when it has none (a bare <c>mod.so</c> or not a module name).</summary>
    public static ExtensionTag? Of(string fileName)
    {
        var m = Pattern().Match(fileName);
        if (!m.Success) return null;
        var tag = m.Groups["tag"].Value;
        if (tag == "abi3") return new ExtensionTag(tag, "abi3", null, "", null);
        if (m.Groups["cpy"].Success)
            return new ExtensionTag(tag, "cpython", $"{m.Groups["major"].Value}.{m.Groups["minor"].Value}", m.Groups["flags"].Value, m.Groups["plat"].Success ? m.Groups["plat"].Value : null);
        if (m.Groups["win"].Success)
            return new ExtensionTag(tag, "cpython", $"{m.Groups["wmajor"].Value}.{m.Groups["wminor"].Value}", m.Groups["wflags"].Value, m.Groups["wplat"].Value);
        return new ExtensionTag(tag, "pypy", null, "", null);
    }

    /// <summary>The suffix tag the interpreter of <paramref name="minor"/> looks for, on <paramref name="platform"/>.</summary>
    public static string Expected(string minor, bool freeThreaded, string? platform)
    {
        var digits = minor.Replace(".", "", StringComparison.Ordinal);
        var legacyMalloc = Version.TryParse(minor, out var v) && v < new Version(3, 8) ? "m" : "";
        // Windows names them cpXY[t]-PLATFORM (importlib.machinery.EXTENSION_SUFFIXES: .cp313-win_amd64.pyd).
        if (platform is not null && platform.StartsWith("win", StringComparison.Ordinal)) return $"cp{digits}{(freeThreaded ? "t" : "")}-{platform}";
        return $"cpython-{digits}{(freeThreaded ? "t" : "")}{legacyMalloc}" + (platform is null ? "" : $"-{platform}");
    }

    // A module name is one identifier before the tag; the tag is the one dotted part before .so/.pyd.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\.(?<tag>(?<cpy>cpython-(?<major>\d)(?<minor>\d+)(?<flags>[tdm]*)(?:-(?<plat>[^.]+))?)|abi3|(?<win>cp(?<wmajor>\d)(?<wminor>\d+)(?<wflags>t?)-(?<wplat>[^.]+))|pypy\d+-pp\d+(?:-[^.]+)?)\.(?:so|pyd)$")]
    private static partial Regex Pattern();
}
