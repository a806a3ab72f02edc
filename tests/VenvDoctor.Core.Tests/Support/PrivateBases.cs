namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// A private copy of a pyenv install, made with hard links (instant; deleting the copy leaves the real one alone),
/// for tests that remove or re-point an environment's base.
/// </summary>
public static class PrivateBases
{
    /// <summary>Copies <paramref name="pyenv"/>'s prefix into <paramref name="folder"/>; returns the copy's prefix and its interpreter.</summary>
    public static (string Prefix, PythonInstall Python) Copy(PythonInstall pyenv, string folder)
    {
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(pyenv.Executable))!;
        var copy = Path.Combine(folder, Path.GetFileName(prefix));
        Directory.CreateDirectory(folder);
        Run.Checked("cp", "-al", prefix, copy);
        return (copy, new PythonInstall(Path.Combine(copy, "bin", Path.GetFileName(pyenv.Executable)), pyenv.Version, "copy"));
    }
}
