namespace VenvDoctor.Core.Model;

/// <summary>
/// One diagnosed environment. Every fact but Path/Kind/Health is optional: "unknown" is said by absence.
/// </summary>
public sealed record PythonEnvironment
{
    /// <summary>Absolute path as the user sees it (not resolved through symlinked folders).</summary>
    public required string Path { get; init; }
    public required EnvironmentKind Kind { get; init; }
    /// <summary>X.Y.Z as recorded (pyvenv.cfg version / version_info, conda-meta, folder names).</summary>
    public string? Version { get; init; }
    /// <summary>The environment's own interpreter (bin/python or Scripts/python.exe), absolute, as the user sees it.</summary>
    public string? Interpreter { get; init; }
    /// <summary>pyvenv.cfg <c>home</c> as written.</summary>
    public string? Home { get; init; }
    /// <summary>The prompt (pyvenv.cfg <c>prompt</c>, or the folder name).</summary>
    public string? Prompt { get; init; }
    /// <summary>Who manages it, when known: workspace, virtualenvwrapper, pipenv, poetry, hatch, pyenv-virtualenv, conda, uv.</summary>
    public string? Manager { get; init; }
    public required Health Health { get; init; }
    public IReadOnlyList<Finding> Findings { get; init; } = [];
    public IReadOnlyList<Suggestion> Suggestions { get; init; } = [];
}
