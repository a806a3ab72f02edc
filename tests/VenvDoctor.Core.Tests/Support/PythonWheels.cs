using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// The wheels Debian ships in /usr/share/python-wheels (pip, setuptools, wheel). With no package index here they are
/// what lets a test make real editable installs: <c>pip install --no-index --find-links</c> this folder.
/// </summary>
public static partial class PythonWheels
{
    public const string Folder = "/usr/share/python-wheels";

    /// <summary>Debian's python3.11 (whose pip these wheels belong to), else any 3.11.</summary>
    public static PythonInstall? Interpreter =>
        Pythons.All.FirstOrDefault(p => p.Source == "system" && p.Minor == "3.11") ?? Pythons.Find("3.11");

    /// <summary>Why PEP 660 editable installs cannot be made here (they need setuptools 64+ and wheel), or null.</summary>
    public static string? MissingForPep660()
    {
        if (Interpreter is null) return "No Python 3.11 found on this machine (looked in $PYENV_ROOT/versions and /usr/bin)";
        if (!Directory.Exists(Folder)) return $"No {Folder} (setuptools and wheel cannot be installed without a package index)";
        var names = Directory.EnumerateFiles(Folder, "*.whl").Select(Path.GetFileName).ToList();
        var setuptools = names.Select(n => SetuptoolsMajor().Match(n!)).FirstOrDefault(m => m.Success && int.Parse(m.Groups[1].Value) >= 64);
        if (setuptools is null) return $"No setuptools 64+ wheel in {Folder} (PEP 660 editable installs need it)";
        if (!names.Any(n => n!.StartsWith("wheel-", StringComparison.Ordinal))) return $"No wheel package in {Folder}";
        return null;
    }

    [GeneratedRegex(@"^setuptools-(\d+)\.")]
    private static partial Regex SetuptoolsMajor();
}

/// <summary>A [Fact] that makes PEP 660 editable installs; skipped, with the reason, when Python 3.11 or the wheels are missing.</summary>
public sealed class Pep660FactAttribute : FactAttribute
{
    public Pep660FactAttribute()
    {
        if (PythonWheels.MissingForPep660() is { } reason) Skip = reason;
    }
}
