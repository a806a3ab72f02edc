using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Locators;

/// <summary>A venv made by pypa virtualenv 20+: pyvenv.cfg has a <c>virtualenv = x.y.z</c> key.</summary>
public sealed class VirtualenvLocator : IEnvironmentLocator
{
    public string Name => "virtualenv";
    public EnvironmentKind Kind => EnvironmentKind.Virtualenv;
    public bool Matches(FolderView folder) => folder.Config?.Has("virtualenv") == true;
}
