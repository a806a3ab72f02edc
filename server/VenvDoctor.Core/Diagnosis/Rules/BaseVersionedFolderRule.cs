using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>base-versioned-folder</c>: the environment records its base in a folder a package manager replaces at the
/// next update — Homebrew's versioned keg (<c>Cellar/python@3.12/3.12.1</c>, removed by <c>brew upgrade</c> and
/// <c>brew cleanup</c>) or the Microsoft Store's versioned package folder (replaced by every Store update, and whose
/// executables cannot even be started directly). A warning while that folder exists, an error once it is gone;
/// the fix is relink-base to the stable path of the same minor (<c>&lt;prefix&gt;/opt/python@3.12/bin</c>, or the
/// Store's alias folder under <c>%LOCALAPPDATA%\Microsoft\WindowsApps</c>).
/// </summary>
/// <remarks>
/// Only paths native to this host count: a Store path seen on Linux or macOS, or a Cellar path seen on Windows, is
/// <c>foreign-platform</c>'s to report (the environment cannot run here at all). Homebrew on Linux
/// (<c>/home/linuxbrew/.linuxbrew/Cellar</c>) has the same kegs, so Cellar paths count on Linux too.
/// </remarks>
public sealed class BaseVersionedFolderRule : IDiagnosisRule
{
    public string Code => FindingCodes.BaseVersionedFolder;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var records = RecordedBasePaths(context.Facts)
            .Where(r => Path.IsPathRooted(r.Path) && !PlatformPaths.IsForeign(r.Path))
            .Select(r => (r.Where, r.Path, Folder: VersionedBaseFolders.Find(r.Path)))
            .Where(r => r.Folder is not null)
            .ToList();
        if (records.Count == 0) yield break;
        // One finding: the first record names the folder; every place that records one is listed.
        var (_, recordedPath, folder) = records[0];
        var exists = Directory.Exists(folder!.Folder);
        var stable = StableExecutable(folder, context.Interpreters);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["folder"] = folder.Folder,
            ["manager"] = folder.Manager == VersionedBaseManager.Homebrew ? "homebrew" : "store",
            ["minor"] = folder.Minor,
            ["exists"] = exists ? "true" : "false",
            ["recordedPath"] = recordedPath,
            ["recordedIn"] = string.Join(",", records.Select(r => r.Where).Distinct()),
        };
        if (context.Facts.Config is { } config) data["file"] = config.File;
        if (stable is not null) data["stable"] = stable;
        yield return new Finding(Code, exists ? Severity.Warning : Severity.Error, Message(folder, exists, stable), data);
    }

    private static string Message(VersionedBaseFolder folder, bool exists, string? stable)
    {
        var (whose, next, update) = folder.Manager == VersionedBaseManager.Homebrew
            ? ("Homebrew's versioned folder", "brew upgrade", "brew upgrade")
            : ("the Microsoft Store's versioned package folder", "Store update of Python", "a Store update of Python");
        var fix = stable is null
            ? $" No stable Python {folder.Minor} was found to relink it to; recreate it on an installed Python."
            : $" Point it at {stable}, which updates keep.";
        return exists
            ? $"This environment's base is {whose} {folder.Folder}: the next {next} removes it and breaks the environment"
              + (folder.Manager == VersionedBaseManager.Store ? " (and Python cannot be started from that folder directly)." : ".") + fix
            : $"This environment's base was {whose} {folder.Folder}, which {update} removed: Python cannot start.{fix}";
    }

    /// <summary>
    /// The stable interpreter of the same minor, when it exists: Homebrew's <c>opt/&lt;formula&gt;/bin/python3.X</c>
    /// (checked on disk to lead to that minor), the Store's alias folder as the inventory found it.
    /// </summary>
    public static string? StableExecutable(VersionedBaseFolder folder, IReadOnlyList<BaseInterpreter> interpreters)
    {
        if (folder.StableFolder is null)
            return interpreters.FirstOrDefault(i => VersionedBaseFolders.StoreAliasMinor(i.Executable) == folder.Minor)?.Executable;
        foreach (var name in new[] { $"python{folder.Minor}", "python3" })
        {
            var candidate = Path.Combine(folder.StableFolder, name);
            if (PathResolver.RealPath(candidate) is not { } real || !File.Exists(real)) continue;
            var realName = Path.GetFileName(real);
            var minor = realName.StartsWith("python3.", StringComparison.Ordinal) ? realName[6..] : VersionedBaseFolders.Find(real)?.Minor;
            if (minor == folder.Minor) return candidate;
        }
        return null;
    }

    /// <summary>Every place the environment records its base: pyvenv.cfg's keys, then the interpreter links' targets.</summary>
    private static IEnumerable<(string Where, string Path)> RecordedBasePaths(EnvironmentFacts facts)
    {
        if (facts.Config is { } config)
        {
            foreach (var key in new[] { "home", "executable", "base-executable", "base-prefix" })
                if (config.Get(key) is { Length: > 0 } value) yield return (key, value);
            if (config.Get("command") is { } command && command.IndexOf(" -m ", StringComparison.Ordinal) is > 0 and var at)
                yield return ("command", command[..at]);
        }
        foreach (var entry in facts.Interpreters)
            if (entry.Target is { } target)
                yield return ($"{Path.GetFileName(Path.GetDirectoryName(entry.Path))}/{Path.GetFileName(entry.Path)}", target);
    }
}
