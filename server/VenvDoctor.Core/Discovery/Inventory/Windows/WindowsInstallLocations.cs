namespace VenvDoctor.Core.Discovery.Inventory.Windows;

/// <summary>
/// Where Windows installers put base Pythons, from the same environment variables they read (so a test points every
/// one at a temp folder). A variable that is not set leaves its locations out.
/// </summary>
public sealed record WindowsInstallLocations
{
    /// <summary>%LOCALAPPDATA%: python.org per-user installs (<c>Programs\Python\Python3XY</c>), the Store's aliases, the Python install manager.</summary>
    public string? LocalAppData { get; init; }
    /// <summary>%ProgramFiles% and %ProgramFiles(x86)%: python.org all-users installs (<c>Python3XY</c>), the Store's packages (<c>WindowsApps</c>).</summary>
    public IReadOnlyList<string> ProgramFiles { get; init; } = [];
    /// <summary>pyenv-win's versions: <c>%PYENV_ROOT%\versions</c>, else <c>%USERPROFILE%\.pyenv\pyenv-win\versions</c>.</summary>
    public string? PyenvWinVersions { get; init; }
    /// <summary>uv's Pythons: %UV_PYTHON_INSTALL_DIR%, else <c>%APPDATA%\uv\python</c>.</summary>
    public string? UvPythons { get; init; }
    /// <summary>conda installs: %CONDA_PREFIX%, then miniconda3/anaconda3/miniforge3/mambaforge under %USERPROFILE% and %ProgramData%.</summary>
    public IReadOnlyList<string> CondaPrefixes { get; init; } = [];

    public static WindowsInstallLocations FromEnvironment(Func<string, string?> getEnv)
    {
        string? Var(string name) => getEnv(name) is { Length: > 0 } v ? v : null;
        var profile = Var("USERPROFILE");
        var appData = Var("APPDATA");
        var conda = new List<string>();
        if (Var("CONDA_PREFIX") is { } active) conda.Add(active);
        foreach (var parent in new[] { profile, Var("ProgramData") })
            if (parent is not null)
                foreach (var name in new[] { "miniconda3", "anaconda3", "miniforge3", "mambaforge" })
                    conda.Add(Path.Combine(parent, name));
        return new WindowsInstallLocations
        {
            LocalAppData = Var("LOCALAPPDATA"),
            ProgramFiles = new[] { Var("ProgramFiles"), Var("ProgramFiles(x86)") }.OfType<string>().Distinct().ToList(),
            PyenvWinVersions = Var("PYENV_ROOT") is { } root ? Path.Combine(root, "versions")
                : profile is null ? null : Path.Combine(profile, ".pyenv", "pyenv-win", "versions"),
            UvPythons = Var("UV_PYTHON_INSTALL_DIR") ?? (appData is null ? null : Path.Combine(appData, "uv", "python")),
            CondaPrefixes = conda,
        };
    }
}
