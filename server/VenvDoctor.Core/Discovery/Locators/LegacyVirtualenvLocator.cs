using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Locators;

/// <summary>
/// virtualenv before 20 wrote no pyvenv.cfg; it left <c>lib/pythonX.Y/orig-prefix.txt</c> (on Windows
/// <c>Lib/orig-prefix.txt</c>) naming the base prefix. A base install never has that file.
/// </summary>
public sealed class LegacyVirtualenvLocator : IEnvironmentLocator
{
    public string Name => "legacy-virtualenv";
    public EnvironmentKind Kind => EnvironmentKind.LegacyVirtualenv;

    public bool Matches(FolderView folder)
    {
        if (folder.Has(FolderMarkers.PyvenvCfg)) return false;
        var fs = folder.FileSystem;
        if (folder.Has(FolderMarkers.Lib))
            foreach (var version in folder.PythonLibFolders())
                if (fs.FileExists(Path.Combine(folder.Path, "lib", version, "orig-prefix.txt"))) return true;
        return folder.Has(FolderMarkers.WindowsLib) && fs.FileExists(Path.Combine(folder.Path, "Lib", "orig-prefix.txt"));
    }
}
