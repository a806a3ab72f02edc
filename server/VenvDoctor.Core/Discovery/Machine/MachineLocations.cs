namespace VenvDoctor.Core.Discovery.Machine;

/// <summary>
/// Where the tools of a machine keep environments and interpreters, from the same environment variables the tools
/// read (so a test points them at temp folders by passing its own variables).
/// </summary>
public sealed record MachineLocations
{
    public required string Home { get; init; }
    /// <summary>virtualenvwrapper: $WORKON_HOME, else ~/.virtualenvs.</summary>
    public required string WorkonHome { get; init; }
    /// <summary>pipenv: $WORKON_HOME when set, else $XDG_DATA_HOME/virtualenvs.</summary>
    public required string PipenvHome { get; init; }
    /// <summary>poetry: $POETRY_VIRTUALENVS_PATH, else $POETRY_CACHE_DIR/virtualenvs, else $XDG_CACHE_HOME/pypoetry/virtualenvs (and the macOS cache).</summary>
    public required IReadOnlyList<string> PoetryVirtualenvs { get; init; }
    /// <summary>hatch: $HATCH_DATA_DIR/env, else $XDG_DATA_HOME/hatch/env.</summary>
    public required string HatchEnvs { get; init; }
    /// <summary>$PYENV_ROOT, else ~/.pyenv.</summary>
    public required string PyenvRoot { get; init; }
    /// <summary>conda's registry of environments: ~/.conda/environments.txt.</summary>
    public required string CondaEnvironmentsFile { get; init; }
    /// <summary>$CONDA_ENVS_PATH / $CONDA_ENVS_DIRS (folders of environments).</summary>
    public required IReadOnlyList<string> CondaEnvDirs { get; init; }
    /// <summary>conda base installs: the prefix of $CONDA_EXE, ~/miniconda3, ~/anaconda3, ~/miniforge3, /opt/conda...</summary>
    public required IReadOnlyList<string> CondaBases { get; init; }
    /// <summary>$UV_PYTHON_INSTALL_DIR, else $XDG_DATA_HOME/uv/python.</summary>
    public required string UvPythons { get; init; }
    /// <summary>$UV_TOOL_DIR, else $XDG_DATA_HOME/uv/tools (one venv per tool).</summary>
    public required string UvTools { get; init; }
    public required IReadOnlyList<string> PathEntries { get; init; }
    public required IReadOnlyList<string> SystemBinFolders { get; init; }
    /// <summary>python.org's macOS framework builds: /Library/Frameworks/Python.framework/Versions (and the user's ~/Library one).</summary>
    public IReadOnlyList<string> FrameworkVersions { get; init; } = [];
    /// <summary>$HOMEBREW_PREFIX, /opt/homebrew, /usr/local, /home/linuxbrew/.linuxbrew.</summary>
    public required IReadOnlyList<string> HomebrewPrefixes { get; init; }

    public static MachineLocations FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    public static MachineLocations FromEnvironment(Func<string, string?> getEnv)
    {
        string? Var(string name) => getEnv(name) is { Length: > 0 } v ? v : null;
        IEnumerable<string> List(string name) => (Var(name) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

        var home = Var("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var dataHome = Var("XDG_DATA_HOME") ?? Path.Combine(home, ".local", "share");
        var cacheHome = Var("XDG_CACHE_HOME") ?? Path.Combine(home, ".cache");
        var workon = Var("WORKON_HOME");

        var poetry = new List<string>();
        if (Var("POETRY_VIRTUALENVS_PATH") is { } pv) poetry.Add(pv);
        else if (Var("POETRY_CACHE_DIR") is { } pc) poetry.Add(Path.Combine(pc, "virtualenvs"));
        else
        {
            poetry.Add(Path.Combine(cacheHome, "pypoetry", "virtualenvs"));
            poetry.Add(Path.Combine(home, "Library", "Caches", "pypoetry", "virtualenvs"));
        }

        var condaBases = new List<string>();
        if (Var("CONDA_EXE") is { } condaExe && Path.GetDirectoryName(Path.GetDirectoryName(condaExe)) is { } condaPrefix)
            condaBases.Add(condaPrefix);
        foreach (var name in new[] { "miniconda3", "anaconda3", "miniforge3", "mambaforge", "micromamba" })
            condaBases.Add(Path.Combine(home, name));
        condaBases.Add("/opt/conda");

        var brew = new List<string>();
        if (Var("HOMEBREW_PREFIX") is { } hp) brew.Add(hp);
        brew.AddRange(["/opt/homebrew", "/usr/local", "/home/linuxbrew/.linuxbrew"]);

        return new MachineLocations
        {
            Home = home,
            WorkonHome = workon ?? Path.Combine(home, ".virtualenvs"),
            PipenvHome = workon ?? Path.Combine(dataHome, "virtualenvs"),
            PoetryVirtualenvs = poetry,
            HatchEnvs = Var("HATCH_DATA_DIR") is { } hatch ? Path.Combine(hatch, "env") : Path.Combine(dataHome, "hatch", "env"),
            PyenvRoot = Var("PYENV_ROOT") ?? Path.Combine(home, ".pyenv"),
            CondaEnvironmentsFile = Path.Combine(home, ".conda", "environments.txt"),
            CondaEnvDirs = [.. List("CONDA_ENVS_PATH"), .. List("CONDA_ENVS_DIRS")],
            CondaBases = condaBases.Distinct().ToList(),
            UvPythons = Var("UV_PYTHON_INSTALL_DIR") ?? Path.Combine(dataHome, "uv", "python"),
            UvTools = Var("UV_TOOL_DIR") ?? Path.Combine(dataHome, "uv", "tools"),
            PathEntries = List("PATH").ToList(),
            SystemBinFolders = ["/usr/bin", "/usr/local/bin"],
            HomebrewPrefixes = brew.Distinct().ToList(),
            FrameworkVersions = ["/Library/Frameworks/Python.framework/Versions", Path.Combine(home, "Library", "Frameworks", "Python.framework", "Versions")],
        };
    }

    /// <summary>The tool that manages an environment at <paramref name="path"/>, from where it is; null when none does.</summary>
    public string? ManagerOf(string path)
    {
        bool Under(string folder) => Anatomy.Paths.IsUnder(path, folder);
        if (Under(Path.Combine(PyenvRoot, "versions")))
            return path.Contains("/envs/", StringComparison.Ordinal) || File.Exists(Path.Combine(path, "pyvenv.cfg")) ? "pyenv-virtualenv" : "pyenv";
        if (PoetryVirtualenvs.Any(Under)) return "poetry";
        if (Under(HatchEnvs)) return "hatch";
        if (Under(UvTools)) return "uv";
        if (Under(WorkonHome)) return "virtualenvwrapper";
        if (Under(PipenvHome)) return "pipenv";
        if (CondaEnvDirs.Any(Under) || CondaBases.Any(b => path == b || Under(b))) return "conda";
        return null;
    }
}
