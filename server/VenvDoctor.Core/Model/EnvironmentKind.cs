namespace VenvDoctor.Core.Model;

/// <summary>
/// What made an environment. Wire names are kebab-case (see <see cref="WireNames"/>).
/// </summary>
public enum EnvironmentKind
{
    /// <summary>CPython's <c>python -m venv</c>.</summary>
    Venv,
    /// <summary>pypa virtualenv 20+ (pyvenv.cfg has <c>virtualenv =</c>).</summary>
    Virtualenv,
    /// <summary>uv (pyvenv.cfg has <c>uv =</c>).</summary>
    Uv,
    /// <summary>A conda prefix (<c>conda-meta/</c>).</summary>
    Conda,
    /// <summary>virtualenv before 20: no pyvenv.cfg, <c>lib/pythonX.Y/orig-prefix.txt</c>.</summary>
    LegacyVirtualenv,
    /// <summary>A venv laid out for Windows (<c>Scripts/</c>, <c>Lib/</c>), wherever it is found.</summary>
    WindowsVenv,
    /// <summary>Venv-shaped (interpreter + lib/pythonX.Y/site-packages) but pyvenv.cfg is missing.</summary>
    VenvShaped,
    /// <summary>A pyenv-installed Python (a base, listed in machine scope).</summary>
    Pyenv,
}
