using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Watching;

/// <summary>
/// What stays the same when an environment is moved or copied: its pyvenv.cfg text, its interpreter links, and the
/// location it recorded when it was made (pyvenv.cfg <c>command</c>'s last argument, else <c>VIRTUAL_ENV</c> in
/// bin/activate). Read from a few small files; used to pair "gone from A" with "appeared at B" as one move.
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
        var recorded = parsed.CommandTarget()?.Value ?? ActivationLocation(bin);
        return new EnvironmentIdentity(config, ReadLinks(bin), recorded is null ? null : Trim(recorded), parsed.Home);
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

    /// <summary>VIRTUAL_ENV as bin/activate recorded it (older venvs have no <c>command</c>); null when relocatable.</summary>
    private static string? ActivationLocation(string bin) =>
        ActivationScripts.Read(Path.Combine(bin, "activate")) is { Relocatable: false, Paths: [var first, ..] } ? first.Value : null;

    private static string Trim(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
