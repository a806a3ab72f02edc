using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// What a Windows venv's base install holds, read from the folder pyvenv.cfg's <c>home</c> names (a Windows venv's
/// <c>Scripts\python.exe</c> is a launcher that starts <c>home\python.exe</c>; nothing is linked): whether the folder,
/// its <c>python.exe</c> and its standard library (<c>Lib\encodings</c>) are there, and the X.Y of its
/// <c>pythonXY.dll</c> (<c>python313.dll</c>; <c>python3.dll</c> is the stable-ABI forwarder and says nothing).
/// Nothing is run. Works on a Windows path on Windows, or on any folder given (tests read real folders on Linux).
/// </summary>
public sealed partial record WindowsBase(string Home, bool HomeExists, bool HasPythonExe, bool StdlibPresent, string? DllMinor, string? DllFile)
{
    /// <summary>At most this many <c>python*.dll</c> names are looked at (a base folder holds one or two).</summary>
    private const int MaxDlls = 16;

    public static WindowsBase Read(string home)
    {
        if (!Directory.Exists(home)) return new WindowsBase(home, false, false, false, null, null);
        var exe = File.Exists(Path.Combine(home, "python.exe"));
        var stdlib = Directory.Exists(Path.Combine(home, "Lib", "encodings"));
        var minors = new List<(string Minor, string File)>();
        try
        {
            foreach (var file in Directory.EnumerateFiles(home, "python3*.dll", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive }).Take(MaxDlls))
                if (DllName().Match(Path.GetFileName(file)) is { Success: true } m)
                    minors.Add(($"{m.Groups[1].Value}.{m.Groups[2].Value}", file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        // Two versioned DLLs in one folder (hand-copied files) name no one version.
        var one = minors.DistinctBy(x => x.Minor).Count() == 1 ? minors[0] : default;
        return new WindowsBase(home, true, exe, stdlib, one.Minor, one.File);
    }

    [GeneratedRegex(@"^python(3)(\d{1,2})t?(?:_d)?\.dll$", RegexOptions.IgnoreCase)]
    private static partial Regex DllName();
}
