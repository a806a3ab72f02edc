namespace VenvDoctor.Core.Discovery.Inventory.Windows;

/// <summary>One install registered under PEP 514's <c>Software\Python\&lt;Company&gt;\&lt;Tag&gt;</c>.</summary>
public sealed record Pep514Install(string Company, string Tag, string InstallPath, string? ExecutablePath, string? Version, string? SysVersion, string? SysArchitecture);

/// <summary>
/// Reads PEP 514's registration of installed Pythons: HKCU and HKLM <c>Software\Python</c>, and HKLM's 32-bit view
/// <c>Software\WOW6432Node\Python</c>; each <c>&lt;Company&gt;\&lt;Tag&gt;</c> with <c>InstallPath</c> (its default
/// value the folder, <c>ExecutablePath</c> the interpreter) and the tag's <c>Version</c>, <c>SysVersion</c>,
/// <c>SysArchitecture</c>. A tag without an install path is no install and is left out.
/// </summary>
public static class Pep514Registry
{
    private static readonly (RegistryRoot Root, string Path)[] Roots =
    [
        (RegistryRoot.CurrentUser, @"Software\Python"),
        (RegistryRoot.LocalMachine, @"Software\Python"),
        (RegistryRoot.LocalMachine, @"Software\WOW6432Node\Python"),
    ];

    /// <summary>The py launcher's own settings live beside the companies; they describe no install.</summary>
    private const string LauncherKey = "PyLauncher";

    public static IEnumerable<Pep514Install> Read(IRegistryView registry)
    {
        foreach (var (root, path) in Roots)
            foreach (var company in registry.SubKeyNames(root, path))
            {
                if (company.Equals(LauncherKey, StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var tag in registry.SubKeyNames(root, $@"{path}\{company}"))
                {
                    var key = $@"{path}\{company}\{tag}";
                    if (registry.Value(root, $@"{key}\InstallPath", null) is not { Length: > 0 } installPath) continue;
                    yield return new Pep514Install(company, tag, installPath,
                        registry.Value(root, $@"{key}\InstallPath", "ExecutablePath"),
                        registry.Value(root, key, "Version"), registry.Value(root, key, "SysVersion"), registry.Value(root, key, "SysArchitecture"));
                }
            }
    }

    /// <summary>Our source name for a company: PythonCore is python.org's, ContinuumAnalytics conda's, Astral uv's.</summary>
    public static string SourceOf(string company) => company.ToLowerInvariant() switch
    {
        "pythoncore" => "python.org",
        "continuumanalytics" or "anaconda" or "conda-forge" => "conda",
        "astral" => "uv",
        _ => "registry",
    };
}
