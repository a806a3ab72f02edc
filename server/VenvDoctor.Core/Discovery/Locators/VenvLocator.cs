using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Locators;

/// <summary>
/// CPython's <c>python -m venv</c>: any folder with a pyvenv.cfg that a more specific locator did not claim. An
/// unreadable or garbled pyvenv.cfg still makes it a venv: diagnosis reports what is wrong with the file.
/// </summary>
public sealed class VenvLocator : IEnvironmentLocator
{
    public string Name => "venv";
    public EnvironmentKind Kind => EnvironmentKind.Venv;
    public bool Matches(FolderView folder) => folder.Has(FolderMarkers.PyvenvCfg);
}
