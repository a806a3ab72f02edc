using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>
/// The folders a diagnosis depends on below the levels the watch always watches (an environment's root, bin/Scripts,
/// lib/Lib): each site-packages (path .pth files, finders, dist-info records: pip installs and uninstalls show there;
/// a lib/pythonX.Y created or removed shows in lib/), and for each editable install the folder holding its source (a source renamed or
/// deleted shows there, even when the source is gone). Kept beside the rules because it must name what they read.
/// </summary>
public static class DiagnosisInputs
{
    public static IReadOnlyList<string> FoldersOf(EnvironmentFacts facts)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var site in facts.SitePackages) folders.Add(site);
        foreach (var editable in facts.Editables)
            if (Path.IsPathRooted(editable.Path.Value) && NearestExistingFolder(Path.GetDirectoryName(editable.Path.Value)) is { } holder)
                folders.Add(holder);
        return [.. folders];
    }

    /// <summary>The folder itself when it exists, else the closest ancestor that does (where the source would come back).</summary>
    private static string? NearestExistingFolder(string? folder)
    {
        while (folder is { Length: > 1 } && !Directory.Exists(folder)) folder = Path.GetDirectoryName(folder);
        return folder;
    }
}
