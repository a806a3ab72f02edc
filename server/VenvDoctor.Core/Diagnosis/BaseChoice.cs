using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>Picks installed bases for suggestions: the same minor (exact patch first), else the newest.</summary>
public static class BaseChoice
{
    public static BaseInterpreter? SameMinor(IReadOnlyList<BaseInterpreter> interpreters, string? version)
    {
        if (version is null) return null;
        var minor = MinorOf(version);
        var same = interpreters.Where(i => MinorOf(i.Version) == minor).ToList();
        return same.FirstOrDefault(i => i.Version == version) ?? same.OrderByDescending(i => ParseOrZero(i.Version)).FirstOrDefault();
    }

    public static BaseInterpreter? SameMinorOrNewest(IReadOnlyList<BaseInterpreter> interpreters, string? version) =>
        SameMinor(interpreters, version) ?? interpreters.OrderByDescending(i => ParseOrZero(i.Version)).FirstOrDefault();

    public static string MinorOf(string version) => string.Join('.', version.Split('.').Take(2));

    private static Version ParseOrZero(string v) => Version.TryParse(string.Join('.', v.Split('.').Take(3).Select(p => new string(p.TakeWhile(char.IsAsciiDigit).ToArray())).Select(p => p.Length == 0 ? "0" : p)), out var r) ? r : new Version(0, 0);
}
