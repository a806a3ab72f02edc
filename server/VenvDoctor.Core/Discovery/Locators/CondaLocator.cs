using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Locators;

/// <summary>A conda prefix (base or env): it has <c>conda-meta/</c>, whatever else it has.</summary>
public sealed class CondaLocator : IEnvironmentLocator
{
    public string Name => "conda";
    public EnvironmentKind Kind => EnvironmentKind.Conda;
    public bool Matches(FolderView folder) => folder.Has(FolderMarkers.CondaMeta);
}
