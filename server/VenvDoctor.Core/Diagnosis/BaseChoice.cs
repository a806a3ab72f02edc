using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>
/// Picks installed bases for suggestions: the same minor (exact patch first), else the newest. A base in a folder a
/// package manager replaces (an old Homebrew keg) comes after every stable one: a venv relinked there breaks again
/// at the next upgrade.
/// </summary>
public static class BaseChoice
{
    public static BaseInterpreter? SameMinor(IReadOnlyList<BaseInterpreter> interpreters, string? version)
    {
        if (version is null) return null;
        var minor = MinorOf(version);
        var same = StableFirst(interpreters.Where(i => MinorOf(i.Version) == minor)).ToList();
        return Preferred(same, i => i.Version == version) ?? same.OrderByDescending(i => ParseOrZero(i.Version)).OrderBy(IsVersioned).FirstOrDefault();
    }

    public static BaseInterpreter? SameMinorOrNewest(IReadOnlyList<BaseInterpreter> interpreters, string? version) =>
        SameMinor(interpreters, version) ?? interpreters.OrderByDescending(i => ParseOrZero(i.Version)).OrderBy(IsVersioned).FirstOrDefault();

    private static bool IsVersioned(BaseInterpreter i) => VersionedBaseFolders.Find(i.Executable) is not null;

    private static IEnumerable<BaseInterpreter> StableFirst(IEnumerable<BaseInterpreter> interpreters) => interpreters.OrderBy(IsVersioned);

    /// <summary>The first match, unless it is versioned and a stable base of the same minor exists.</summary>
    private static BaseInterpreter? Preferred(List<BaseInterpreter> sameMinor, Func<BaseInterpreter, bool> match) =>
        sameMinor.FirstOrDefault(i => match(i) && !IsVersioned(i)) ?? (sameMinor.Any(i => !IsVersioned(i)) ? null : sameMinor.FirstOrDefault(match));

    public static string MinorOf(string version) => string.Join('.', version.Split('.').Take(2));

    private static Version ParseOrZero(string v) => Version.TryParse(string.Join('.', v.Split('.').Take(3).Select(p => new string(p.TakeWhile(char.IsAsciiDigit).ToArray())).Select(p => p.Length == 0 ? "0" : p)), out var r) ? r : new Version(0, 0);
}
