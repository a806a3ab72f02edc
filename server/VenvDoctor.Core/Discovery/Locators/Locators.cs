using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Locators;

/// <summary>
/// Every locator, in the order they are asked; the first that matches names the kind. Why this order:
/// <list type="number">
/// <item>conda first: <c>conda-meta/</c> is unambiguous, and a conda prefix is otherwise venv-shaped.</item>
/// <item>windows-venv before the pyvenv.cfg tools: the layout decides what can be read and repaired on this OS,
///   whichever tool made it.</item>
/// <item>uv and virtualenv before venv: they all write pyvenv.cfg; only their own key tells them apart, and venv is
///   the catch-all for any pyvenv.cfg.</item>
/// <item>legacy virtualenv, then venv-shaped last: both are guesses from layout when pyvenv.cfg is absent, and
///   orig-prefix.txt is the stronger evidence.</item>
/// </list>
/// </summary>
public static class EnvironmentLocators
{
    public static readonly IReadOnlyList<IEnvironmentLocator> InOrder =
    [
        new CondaLocator(),
        new WindowsVenvLocator(),
        new UvLocator(),
        new VirtualenvLocator(),
        new VenvLocator(),
        new LegacyVirtualenvLocator(),
        new VenvShapedLocator(),
    ];

    /// <summary>Only these markers can make a folder an environment; a folder without any is not looked at further.</summary>
    private const FolderMarkers AnyMarker = FolderMarkers.PyvenvCfg | FolderMarkers.CondaMeta | FolderMarkers.Lib | FolderMarkers.WindowsLib;

    /// <summary>The first locator that recognises the folder, or null.</summary>
    public static IEnvironmentLocator? Identify(FolderView folder)
    {
        if ((folder.Markers & AnyMarker) == 0) return null;
        foreach (var locator in InOrder)
            if (locator.Matches(folder)) return locator;
        return null;
    }

    /// <summary>
    /// True when an environment lives at <paramref name="path"/> now, on disk (by real path): a pyvenv.cfg there, or a
    /// folder these locators recognise. Never throws for a path that cannot be read (false).
    /// </summary>
    public static bool IsEnvironmentFolder(string path)
    {
        if (Anatomy.PathResolver.RealPath(path) is not { } real) return false;
        if (File.Exists(System.IO.Path.Combine(real, "pyvenv.cfg"))) return true;
        try
        {
            var fs = FileSystem.PhysicalFileSystem.Instance;
            return fs.DirectoryExists(real) && Identify(new FolderView(real, fs.List(real), fs)) is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>A folder the walker never enters: it is marked as an environment's interior by its own files.</summary>
    public static bool IsEnvironmentRoot(FolderView folder) =>
        folder.Has(FolderMarkers.PyvenvCfg) || folder.Has(FolderMarkers.CondaMeta);
}
