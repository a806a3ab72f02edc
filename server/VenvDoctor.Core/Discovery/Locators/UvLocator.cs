using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Locators;

/// <summary>A venv made by uv: pyvenv.cfg has a <c>uv = x.y.z</c> key.</summary>
public sealed class UvLocator : IEnvironmentLocator
{
    public string Name => "uv";
    public EnvironmentKind Kind => EnvironmentKind.Uv;
    public bool Matches(FolderView folder) => folder.Config?.Has("uv") == true;
}
