using System.Text.RegularExpressions;
using VenvDoctor.Core.Display;
using VenvDoctor.Core.Repair.Actions;

namespace VenvDoctor.Core.Repair.Policy;

/// <summary>
/// What may be handed to pip from an environment's install records (METADATA, <c>direct_url.json</c>,
/// <c>.egg-link</c>): a valid distribution name, a plain version, and a URL of the kinds pip itself writes into a
/// local install record. Anything else is skipped, and the plan says which and why.
/// </summary>
public static partial class InstallRecordPolicy
{
    // PEP 610 records file:// for local paths and archives, http(s) for downloads, VCS URLs as scheme+transport.
    private static readonly string[] Schemes = ["file", "http", "https"];
    private static readonly string[] VcsPrefixes = ["git+", "hg+", "svn+", "bzr+"];

    /// <summary>Null when the distribution may be reinstalled; else why not, in a few words.</summary>
    public static string? Problem(InstalledDistribution d)
    {
        if (!DistributionName.IsValid(d.Name)) return $"'{Printable(d.Name)}' is not a valid distribution name";
        if (d.DirectUrl is { } url)
        {
            if (!IsAcceptableUrl(url)) return $"its recorded URL '{Printable(url)}' is not one pip records for a local install";
            if (d.Editable && !url.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return "an editable install that does not point at a local folder";
            return null;
        }
        return Version().IsMatch(d.Version) ? null : $"'{Printable(d.Version)}' is not a valid version";
    }

    /// <summary>
    /// An absolute URL with a scheme pip records (optionally VCS-prefixed), no spaces, control characters or shell
    /// syntax. pip percent-encodes those in the URLs it records (<c>Path.as_uri</c>), so a raw <c>$</c>, backtick,
    /// <c>;</c>, quote, bracket or redirection in a record was put there by hand; such a value is never handed on.
    /// </summary>
    public static bool IsAcceptableUrl(string url)
    {
        if (url.Length == 0 || url.Length > 4096 || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || ShellSyntax.Contains(c))) return false;
        var bare = VcsPrefixes.FirstOrDefault(p => url.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix ? url[prefix.Length..] : url;
        if (!Uri.TryCreate(bare, UriKind.Absolute, out var uri)) return false;
        var schemes = bare.Length == url.Length ? Schemes : [.. Schemes, "ssh"];
        return schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);
    }

    private const string ShellSyntax = "$`;|<>\"'\\(){}";

    /// <summary>An untrusted value for a note: cut short, control characters escaped (<see cref="TerminalText"/>).</summary>
    private static string Printable(string s) => TerminalText.Escape(s.Length > 80 ? s[..80] : s) + (s.Length > 80 ? "…" : "");

    // PEP 440's characters (public and local versions); the full grammar is pip's to enforce, this only keeps options out.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.!+_-]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Version();
}
