using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Watching;

/// <summary>
/// What stays the same when an environment is moved or copied: its pyvenv.cfg text, its interpreter links, and the
/// location it recorded when it was made (<see cref="RecordedLocations"/>' priority, from the two kinds of record
/// that are a few small files: the activation scripts' <c>VIRTUAL_ENV</c>, else pyvenv.cfg <c>command</c>; console
/// scripts are not read here, the watcher must stay cheap). Used to pair "gone from A" with "appeared at B" as one move.
/// </summary>
public sealed record EnvironmentIdentity(string Config, string Links, string? RecordedLocation, string? Home)
{
    /// <summary>True when the two are the same environment's bytes (a move or a copy of it).</summary>
    public bool SameAs(EnvironmentIdentity other) =>
        Config == other.Config && Links == other.Links && RecordedLocation == other.RecordedLocation
        && (Config.Length > 0 || Links.Length > 0 || RecordedLocation is not null);

    public static EnvironmentIdentity Read(string environment)
    {
        var cfgFile = Path.Combine(environment, "pyvenv.cfg");
        // Through the one bounded reader: a FIFO or /dev/zero carrying the name is refused, never read (nor waited on).
        var config = WorkspaceFile.TryReadText(cfgFile, FileKind.PyvenvConfig) ?? "";
        // The anatomy readers know every tool's and version's format; identity only needs the values.
        var parsed = PyvenvConfigParser.Parse(cfgFile, config);
        var bin = Directory.Exists(Path.Combine(environment, "bin")) ? Path.Combine(environment, "bin") : Path.Combine(environment, "Scripts");
        var recorded = RecordedLocations.Rank(ActivationPaths(bin), parsed.CommandTarget(), []).FirstOrDefault()?.Location;
        return new EnvironmentIdentity(config, ReadLinks(bin), recorded, parsed.Home);
    }

    private static string ReadLinks(string bin)
    {
        try
        {
            var links = new List<string>();
            foreach (var f in new DirectoryInfo(bin).EnumerateFileSystemInfos("python*"))
                if (PathResolver.ReadLink(f) is { } target) links.Add($"{f.Name}->{target}");
            links.Sort(StringComparer.Ordinal);
            return string.Join('\n', links);
        }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    /// <summary>VIRTUAL_ENV as every activation script in bin/ recorded it (none when a script computes it: relocatable).</summary>
    private static IEnumerable<RecordedPath> ActivationPaths(string bin) =>
        ActivationScripts.Shells.Keys.Select(name => ActivationScripts.Read(Path.Combine(bin, name))).SelectMany(a => a?.Paths ?? []);

}
