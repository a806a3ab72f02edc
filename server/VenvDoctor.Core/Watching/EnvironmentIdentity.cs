using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Watching;

/// <summary>
/// What stays the same when an environment is moved or copied: its pyvenv.cfg text, its interpreter links, and the
/// location it recorded when it was made (pyvenv.cfg <c>command</c>'s last argument, else <c>VIRTUAL_ENV</c> in
/// bin/activate). Read from a few small files; used to pair "gone from A" with "appeared at B" as one move.
/// </summary>
public sealed partial record EnvironmentIdentity(string Config, string Links, string? RecordedLocation, string? Home)
{
    /// <summary>True when the two are the same environment's bytes (a move or a copy of it).</summary>
    public bool SameAs(EnvironmentIdentity other) =>
        Config == other.Config && Links == other.Links && RecordedLocation == other.RecordedLocation
        && (Config.Length > 0 || Links.Length > 0 || RecordedLocation is not null);

    public static EnvironmentIdentity Read(string environment)
    {
        var config = TryRead(Path.Combine(environment, "pyvenv.cfg")) ?? "";
        string? home = null, recorded = null;
        foreach (var line in config.Split('\n'))
        {
            var eq = line.IndexOf('=');
            if (eq < 0) continue;
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (key == "home") home = value;
            else if (key == "command") recorded = LastArgument(value);
        }
        var bin = Directory.Exists(Path.Combine(environment, "bin")) ? Path.Combine(environment, "bin") : Path.Combine(environment, "Scripts");
        recorded ??= ActivateLocation(bin);
        return new EnvironmentIdentity(config, ReadLinks(bin), recorded is null ? null : Trim(recorded), home);
    }

    private static string ReadLinks(string bin)
    {
        try
        {
            var links = new List<string>();
            foreach (var f in new DirectoryInfo(bin).EnumerateFileSystemInfos("python*"))
                if (f.LinkTarget is { } target) links.Add($"{f.Name}->{target}");
            links.Sort(StringComparer.Ordinal);
            return string.Join('\n', links);
        }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    /// <summary>The last shell word of pyvenv.cfg's <c>command</c> (the venv's own path), unquoted.</summary>
    internal static string? LastArgument(string command)
    {
        var m = LastWord().Match(command);
        if (!m.Success) return null;
        var word = m.Groups["dq"].Success ? m.Groups["dq"].Value : m.Groups["sq"].Success ? m.Groups["sq"].Value : m.Groups["bare"].Value;
        return word.StartsWith('/') || (word.Length > 2 && word[1] == ':') ? word : null;
    }

    private static string? ActivateLocation(string bin)
    {
        var text = TryRead(Path.Combine(bin, "activate"));
        if (text is null) return null;
        // Every CPython/virtualenv format sets it on a line ending in the path: VIRTUAL_ENV="/p", VIRTUAL_ENV='/p',
        // VIRTUAL_ENV=/p, export VIRTUAL_ENV="/p" (3.12/3.13's cygwin branches come first, with $(cygpath ...)).
        foreach (Match m in ActivateLine().Matches(text))
        {
            var v = m.Groups["dq"].Success ? m.Groups["dq"].Value : m.Groups["sq"].Success ? m.Groups["sq"].Value : m.Groups["bare"].Value;
            if (v.StartsWith('/')) return v;
        }
        return null;
    }

    private static string Trim(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static string? TryRead(string file)
    {
        try
        {
            var info = new FileInfo(file);
            // Identity files are small; never slurp something odd that happens to carry the name.
            return info.Exists && info.Length < 256 * 1024 ? File.ReadAllText(file) : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    [GeneratedRegex("""(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>\S+))\s*$""")]
    private static partial Regex LastWord();

    [GeneratedRegex("""VIRTUAL_ENV=(?:"(?<dq>[^"$]*)"|'(?<sq>[^']*)'|(?<bare>[^\s;'"$]+))\s*$""", RegexOptions.Multiline)]
    private static partial Regex ActivateLine();
}
