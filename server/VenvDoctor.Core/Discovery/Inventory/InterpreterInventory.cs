using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Inventory.Windows;
using VenvDoctor.Core.Discovery.Locators;
using VenvDoctor.Core.Discovery.Machine;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Discovery.Inventory;

/// <summary>
/// The installed base interpreters a broken venv could be relinked to or recreated from: pyenv versions, Homebrew,
/// python.org's macOS framework builds, uv-managed Pythons, conda bases, /usr/bin, /usr/local/bin and PATH; on
/// Windows, <see cref="WindowsInstalls"/> (PEP 514 registry, the Store's aliases, python.org, pyenv-win, conda, uv). Versions come from files (patchlevel.h,
/// lib/pythonX.Y, names); nothing is run. A venv's own interpreter is never listed (its target may be).
/// </summary>
/// <param name="windows">A Windows machine's installs (registry, Store, python.org, pyenv-win, conda, uv); null elsewhere.</param>
public sealed class InterpreterInventory(IDiscoveryFileSystem fileSystem, MachineLocations locations, WindowsInstalls? windows = null) : IInterpreterInventory
{
    public InterpreterInventory() : this(PhysicalFileSystem.Instance, MachineLocations.FromEnvironment(), WindowsInstallsOfThisHost()) { }

    private static WindowsInstalls? WindowsInstallsOfThisHost()
    {
        if (!Host.IsWindows) return null;
        return new WindowsInstalls(WindowsInstallLocations.FromEnvironment(Environment.GetEnvironmentVariable), new WindowsRegistryView());
    }

    /// <summary>The last answer and the folders it was read from, each with its last-write time then.</summary>
    private sealed record Snapshot(IReadOnlyList<BaseInterpreter> Interpreters, IReadOnlyList<(string Folder, DateTime? WriteTime)> Folders);

    private Snapshot? last;
    private List<(string Folder, DateTime? WriteTime)>? reading;
    private readonly Lock gate = new();

    /// <summary>
    /// The installed interpreters. The answer is kept while every folder it was read from (pyenv's versions, each
    /// bin/, Cellar, uv's python folder...) has the same last-write time: installing or removing a Python adds or
    /// removes entries there, which changes that time. So a server asks the disk for a few dozen stats, not a new
    /// listing of /usr/bin, on every scan.
    /// </summary>
    public IReadOnlyList<BaseInterpreter> List(CancellationToken cancellationToken)
    {
        // The common case takes no lock: a snapshot is never changed, only replaced.
        if (Volatile.Read(ref last) is { } current && IsCurrent(current)) return current.Interpreters;
        lock (gate)
        {
            if (last is not null && IsCurrent(last)) return last.Interpreters;
            reading = [];
            var readAt = DateTime.UtcNow;
            var interpreters = ListFromDisk(cancellationToken);
            // Kept only when every folder's time was settled (SettledTime): else the next call reads the disk again.
            var settled = reading.All(f => f.WriteTime is not { } t || SettledTime.IsSettled(t, readAt));
            Volatile.Write(ref last, settled ? new Snapshot(interpreters, reading) : null);
            reading = null;
            return interpreters;
        }
    }

    private bool IsCurrent(Snapshot snapshot) => snapshot.Folders.All(f => fileSystem.FolderWriteTime(f.Folder) == f.WriteTime);

    private IReadOnlyList<BaseInterpreter> ListFromDisk(CancellationToken cancellationToken)
    {
        // The same file is often reachable many ways (/usr/bin/python3 -> python3.11, PATH repeats /usr/bin):
        // the first way found wins, so the folders are listed from the most specific source to the least.
        var byRealPath = new Dictionary<string, BaseInterpreter>(Host.PathComparer);
        var listed = new HashSet<string>(Host.PathComparer);
        foreach (var install in windows?.Folders(f => ListOrEmpty(f)) ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!listed.Add(RealFolder(install.Folder))) { NoteFolder(install.Folder); continue; }
            if (WindowsInterpreterIn(install) is { } found) byRealPath.TryAdd(found.Executable, found);
        }
        // A Windows host has no POSIX bin/ folders (and /usr/bin there would name a folder of the current drive).
        foreach (var (folder, source) in Host.IsWindows ? [] : BinFolders())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // /bin is /usr/bin on a merged-usr system and PATH names folders twice: list each real folder once
            // (what an alias would find has the same real paths, which the first way already claimed).
            if (!listed.Add(RealFolder(folder))) { NoteFolder(folder); continue; }
            foreach (var found in InterpretersIn(folder, source))
                byRealPath.TryAdd(found.RealPath, found.Interpreter);
        }
        return byRealPath.Values.OrderBy(i => i.Source, StringComparer.Ordinal).ThenBy(i => i.Executable, StringComparer.Ordinal).ToList();
    }

    private IEnumerable<(string Folder, string Source)> BinFolders()
    {
        var versions = Path.Combine(locations.PyenvRoot, "versions");
        foreach (var v in ListOrEmpty(versions).Where(e => e.IsDirectory && !e.IsLink).OrderBy(e => e.Name, StringComparer.Ordinal))
            yield return (Path.Combine(versions, v.Name, "bin"), "pyenv");
        foreach (var brew in locations.HomebrewPrefixes)
        {
            // opt/python@X.Y is the stable link a venv should record; Cellar/<formula>/<version> changes on upgrade.
            foreach (var opt in ListOrEmpty(Path.Combine(brew, "opt")).Where(e => e.Name.StartsWith("python@", StringComparison.Ordinal)))
                yield return (Path.Combine(brew, "opt", opt.Name, "bin"), "homebrew");
            foreach (var formula in ListOrEmpty(Path.Combine(brew, "Cellar")).Where(e => e.Name.StartsWith("python", StringComparison.Ordinal)))
            {
                var formulaDir = Path.Combine(brew, "Cellar", formula.Name);
                foreach (var version in ListOrEmpty(formulaDir).Where(e => e.IsDirectory))
                {
                    yield return (Path.Combine(formulaDir, version.Name, "bin"), "homebrew");
                    var framework = Path.Combine(formulaDir, version.Name, "Frameworks", "Python.framework", "Versions");
                    foreach (var fv in ListOrEmpty(framework).Where(e => e.IsDirectory && !e.IsLink))
                        yield return (Path.Combine(framework, fv.Name, "bin"), "homebrew");
                }
            }
            // /usr/local/bin is the system's too: keep it under "system" below on Linux, where Homebrew rarely lives there.
            if (brew != "/usr/local") yield return (Path.Combine(brew, "bin"), "homebrew");
        }
        foreach (var frameworks in locations.FrameworkVersions)
            foreach (var version in ListOrEmpty(frameworks).Where(e => e.IsDirectory && !e.IsLink).OrderBy(e => e.Name, StringComparer.Ordinal))
                yield return (Path.Combine(frameworks, version.Name, "bin"), "python.org");
        foreach (var uv in ListOrEmpty(locations.UvPythons).Where(e => e.IsDirectory).OrderBy(e => e.Name, StringComparer.Ordinal))
            yield return (Path.Combine(locations.UvPythons, uv.Name, "bin"), "uv");
        foreach (var conda in locations.CondaBases)
            yield return (Path.Combine(conda, "bin"), "conda");
        foreach (var system in locations.SystemBinFolders)
            yield return (system, "system");
        foreach (var entry in locations.PathEntries)
            if (Path.IsPathFullyQualified(entry)) yield return (entry, "path");
    }

    private sealed record Found(string RealPath, BaseInterpreter Interpreter);

    private IEnumerable<Found> InterpretersIn(string folder, string source)
    {
        var entries = ListOrEmpty(folder, VenvShapedLocator.IsInterpreterName);
        if (entries.Count == 0) return [];
        var parent = Path.GetDirectoryName(folder);
        // A venv's bin/ (or a conda env's, outside the conda bases): its interpreter is not a base.
        var inVenv = parent is not null && fileSystem.FileExists(Path.Combine(parent, "pyvenv.cfg"));
        var results = new List<Found>();
        // python3.12 before python3 before python: the most specific name is the one to suggest.
        foreach (var entry in entries.Where(e => !e.IsDirectory)
                     .OrderByDescending(e => e.Name.Length).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, entry.Name);
            string? real;
            try { real = fileSystem.ResolveRealPath(path); }
            catch (IOException) { continue; }
            if (real is null || !fileSystem.FileExists(real) || IsScript(real)) continue;
            var realPrefix = Path.GetDirectoryName(Path.GetDirectoryName(real));
            if (realPrefix is null || fileSystem.FileExists(Path.Combine(realPrefix, "pyvenv.cfg"))) continue;
            var name = Path.GetFileName(real);
            var hint = FolderView.IsPythonVersionName(name) ? name[6..] : FolderView.IsPythonVersionName(entry.Name) ? entry.Name[6..] : null;
            var version = BaseInstall.VersionOf(fileSystem, realPrefix, hint);
            if (version is null) continue;
            var shownPath = inVenv ? real : path;
            var shownPrefix = inVenv ? realPrefix : parent;
            results.Add(new Found(real, new BaseInterpreter(shownPath, version, source, shownPrefix)));
        }
        return results;
    }

    /// <summary>
    /// A Windows install: <c>python.exe</c> at the folder's root, and no <c>pyvenv.cfg</c> (a venv's own folder is no
    /// base). Its path is its identity: the Store's aliases are app execution aliases, which are not links to follow.
    /// </summary>
    private BaseInterpreter? WindowsInterpreterIn(WindowsInstallFolder install)
    {
        var entries = ListOrEmpty(install.Folder);
        if (entries.Any(e => e.Name.Equals("pyvenv.cfg", StringComparison.OrdinalIgnoreCase))) return null;
        if (entries.FirstOrDefault(e => !e.IsDirectory && e.Name.Equals(WindowsInstalls.Executable, StringComparison.OrdinalIgnoreCase)) is not { } exe) return null;
        var version = WindowsInstalls.VersionOf(fileSystem, install.Folder, entries, install.VersionHint);
        return version is null ? null : new BaseInterpreter(Path.Combine(install.Folder, exe.Name), version, install.Source, install.Folder);
    }

    /// <summary>pyenv shims and wrapper scripts start with #!; an interpreter is a binary.</summary>
    private bool IsScript(string path)
    {
        try { return fileSystem.ReadHead(path, FileKind.ScriptHead, 2) is "#!"; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return true; }
    }

    private string RealFolder(string folder)
    {
        try { return fileSystem.ResolveRealPath(folder) ?? folder; }
        catch (IOException) { return folder; }
    }

    /// <summary>Keeps a folder's time in the snapshot (so a change there is seen), without listing it.</summary>
    private DateTime? NoteFolder(string folder)
    {
        DateTime? writeTime = null;
        try { writeTime = fileSystem.FolderWriteTime(folder); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        reading?.Add((folder, writeTime));
        return writeTime;
    }

    private IReadOnlyList<FolderEntry> ListOrEmpty(string folder, Func<string, bool>? include = null)
    {
        // Time first, then the listing: a change during the listing leaves a newer time that the next call sees.
        if (NoteFolder(folder) is null) return [];
        try { return include is null ? fileSystem.List(folder) : fileSystem.List(folder, include); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
