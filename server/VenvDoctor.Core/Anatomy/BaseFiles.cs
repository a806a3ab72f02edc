using System.Text.RegularExpressions;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy;

/// <summary>Reads what a base installation's files say about it (version, stdlib), never running it.</summary>
public static partial class BaseFiles
{
    /// <summary>Describes the base whose real executable is <paramref name="realExecutable"/> (bin/pythonX.Y under a prefix).</summary>
    public static BaseFacts Describe(string realExecutable)
    {
        var bin = Path.GetDirectoryName(realExecutable);
        var prefix = bin is null ? null : Path.GetDirectoryName(bin);
        var nameMatch = ExecutableMinor().Match(Path.GetFileName(realExecutable));
        string? minor = nameMatch.Success ? nameMatch.Groups[1].Value : null;
        string? patch = null;
        if (prefix is not null)
        {
            if (minor is not null) patch = PatchLevel(prefix, minor);
            else
            {
                // A bare "python" file: the prefix's include/ or lib/ tells the version.
                minor = LoneVersionFolder(Path.Combine(prefix, "include")) ?? LoneVersionFolder(Path.Combine(prefix, "lib"));
                if (minor is not null) patch = PatchLevel(prefix, minor);
            }
        }
        var stdlib = prefix is not null && minor is not null && StdlibPresent(prefix, minor);
        return new BaseFacts(realExecutable, prefix, minor, patch, stdlib);
    }

    /// <summary>True when <c>prefix/lib/pythonX.Y/encodings</c> exists (the first module Python needs).</summary>
    public static bool StdlibPresent(string prefix, string minor) =>
        Directory.Exists(Path.Combine(prefix, "lib", "python" + minor, "encodings"))
        || Directory.Exists(Path.Combine(prefix, "lib64", "python" + minor, "encodings"))
        || Directory.Exists(Path.Combine(prefix, "Lib", "encodings"));

    /// <summary>PY_VERSION from <c>include/pythonX.Y/patchlevel.h</c>, without any suffix (3.13.0rc1 → 3.13.0).</summary>
    public static string? PatchLevel(string prefix, string minor)
    {
        foreach (var dir in new[] { "python" + minor, "python" + minor + "t" })
        {
            var file = Path.Combine(prefix, "include", dir, "patchlevel.h");
            try
            {
                if (!File.Exists(file)) continue;
                var m = PyVersion().Match(WorkspaceFile.ReadText(file, FileKind.VersionHeader));
                if (m.Success) return m.Groups[1].Value;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return null;
    }

    private static string? LoneVersionFolder(string dir)
    {
        try
        {
            if (!Directory.Exists(dir)) return null;
            var minors = Directory.EnumerateDirectories(dir, "python*").Select(d => FolderMinor().Match(Path.GetFileName(d))).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToList();
            return minors.Count == 1 ? minors[0] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    [GeneratedRegex(@"^python(\d+\.\d+)t?(?:\.exe)?$")]
    internal static partial Regex ExecutableMinor();

    [GeneratedRegex(@"^python(\d+\.\d+)t?$")]
    internal static partial Regex FolderMinor();

    [GeneratedRegex(@"#define\s+PY_VERSION\s+""(\d+\.\d+\.\d+)")]
    private static partial Regex PyVersion();
}
