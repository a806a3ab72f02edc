using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Locators;

/// <summary>
/// A venv whose pyvenv.cfg is missing (deleted, or lost in a copy): an interpreter in <c>bin/</c> and a
/// <c>lib/pythonX.Y/site-packages</c>. A base install (a pyenv version, /usr, /usr/local) has the same shape, but
/// it holds the standard library: <c>lib/pythonX.Y/os.py</c>. A venv never does.
/// </summary>
public sealed class VenvShapedLocator : IEnvironmentLocator
{
    public string Name => "venv-shaped";
    public EnvironmentKind Kind => EnvironmentKind.VenvShaped;

    public bool Matches(FolderView folder)
    {
        if (folder.Has(FolderMarkers.PyvenvCfg) || !folder.Has(FolderMarkers.Bin | FolderMarkers.Lib)) return false;
        var bin = folder.ListChild("bin");
        if (bin is null || !bin.Any(e => !e.IsDirectory && IsInterpreterName(e.Name))) return false;
        var fs = folder.FileSystem;
        foreach (var version in folder.PythonLibFolders())
        {
            var lib = Path.Combine(folder.Path, "lib", version);
            if (fs.DirectoryExists(Path.Combine(lib, "site-packages")) && !fs.FileExists(Path.Combine(lib, "os.py")))
                return true;
        }
        return false;
    }

    /// <summary>python, python3, python3.12 (not python3-config, python3.12-gdb.py).</summary>
    public static bool IsInterpreterName(string name) =>
        name == "python" || name == "python3" || (FolderView.IsPythonVersionName(name) && name.Skip(6).All(c => char.IsAsciiDigit(c) || c == '.' || c == 't'));
}
