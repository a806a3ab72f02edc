using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Locators;

/// <summary>Recognises one kind of environment from a folder's listing (and, when it must, a few small reads).</summary>
public interface IEnvironmentLocator
{
    /// <summary>A stable name (reported as <see cref="EnvironmentCandidate.Locator"/>).</summary>
    string Name { get; }

    EnvironmentKind Kind { get; }

    /// <summary>True when <paramref name="folder"/> is an environment of this kind. Never runs anything.</summary>
    bool Matches(FolderView folder);
}
