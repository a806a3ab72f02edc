using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Repair.Policy;

/// <summary>
/// A distribution name as PEP 508 allows it. Names read from an environment's metadata (RECORD folders, METADATA)
/// are untrusted: only a valid name may reach a pip command line, and always after <c>--</c>.
/// </summary>
public static partial class DistributionName
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex(@"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
