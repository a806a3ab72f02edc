using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Repair.Policy;

/// <summary>
/// A distribution name as PEP 508 defines it. Names come from METADATA, RECORD, <c>.egg-link</c> and
/// <c>.pth</c> files in the workspace, so they are checked before they reach a command line: a name such as
/// <c>--index-url=https://evil</c> would otherwise be an option to pip.
/// </summary>
public static partial class DistributionName
{
    /// <summary>True for a PEP 508 name: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, starting and ending with a letter or digit.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
