using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Locators;

/// <summary>
/// A venv laid out for Windows (<c>pyvenv.cfg</c> + <c>Scripts/</c>, no <c>bin/</c>), found on any OS: a venv
/// committed to a repository, copied from a Windows machine, or on a shared drive. Whoever made it (venv, uv,
/// virtualenv), its layout decides what can be checked and repaired here.
/// </summary>
public sealed class WindowsVenvLocator : IEnvironmentLocator
{
    public string Name => "windows-venv";
    public EnvironmentKind Kind => EnvironmentKind.WindowsVenv;

    public bool Matches(FolderView folder) =>
        folder.Has(FolderMarkers.PyvenvCfg) && folder.Has(FolderMarkers.Scripts) && !folder.Has(FolderMarkers.Bin);
}
