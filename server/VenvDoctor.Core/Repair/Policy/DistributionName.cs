using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Repair.Policy;

/// <summary>
/// A distribution name: the one place that checks, compares and spells one. Names come from METADATA, RECORD,
/// <c>.egg-link</c> and <c>.pth</c> files in the workspace, so they are checked (PEP 508) before they reach a command
/// line: a name such as <c>--index-url=https://evil</c> would otherwise be an option to pip. Two names are the same
/// distribution when their PEP 503 forms are equal (<c>My.Pkg</c>, <c>my_pkg</c>, <c>my--pkg</c>).
/// </summary>
public static partial class DistributionName
{
    /// <summary>PEP 503's normalised form: runs of <c>-</c>, <c>_</c>, <c>.</c> become one <c>-</c>, lower case.</summary>
    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    /// <summary>True when both name the same distribution (equal <see cref="Normalize"/> forms).</summary>
    public static bool Same(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    /// <summary>
    /// The import package folder a project of this name usually has (<c>my-pkg</c> → <c>my_pkg</c>): a guess used to
    /// recognise a project folder, not a normalisation (the case is kept, as folders keep it).
    /// </summary>
    public static string PackageFolderGuess(string name) => name.Replace('-', '_');

    [GeneratedRegex("[-_.]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Separators();

    /// <summary>True for a PEP 508 name: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, starting and ending with a letter or digit.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
