using System.Text.RegularExpressions;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// Reads an environment's files once into <see cref="EnvironmentFacts"/>. Never runs anything. Console scripts are
/// read by their first bytes only.
/// </summary>
public static partial class EnvironmentFactsReader
{
    /// <exception cref="DirectoryNotFoundException">The folder does not exist (any more).</exception>
    public static EnvironmentFacts Read(string path, CancellationToken cancellationToken = default)
    {
        path = Paths.Full(path);
        // A folder that vanished between discovery and now is not an environment any more: say so clearly
        // (DirectoryNotFoundException is an IOException, which a scan reports as skipped/unreadable).
        if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"{path} does not exist any more (moved or deleted)");
        var layout = Directory.Exists(Path.Combine(path, "bin")) ? EnvironmentLayout.Posix
            : Directory.Exists(Path.Combine(path, "Scripts")) ? EnvironmentLayout.Windows
            : EnvironmentLayout.Unknown;
        var scripts = layout switch
        {
            EnvironmentLayout.Posix => Path.Combine(path, "bin"),
            EnvironmentLayout.Windows => Path.Combine(path, "Scripts"),
            _ => null,
        };
        var configPath = Path.Combine(path, "pyvenv.cfg");
        var folder = scripts is null ? ScriptsFolder.Empty : ReadScriptsFolder(scripts, cancellationToken);
        var rootLinks = SafeEntries(path)
            .Select(entry => PathResolver.ReadLink(entry) is { } target ? new InternalLink(entry.FullName, target, PathResolver.RealPath(entry.FullName) is null) : null)
            .OfType<InternalLink>();
        var (libMinors, sitePackages, origPrefix) = ReadLib(path, layout);
        var interpreter = PreferredInterpreter(folder.Interpreters);
        return new EnvironmentFacts
        {
            Path = path,
            RealPath = PathResolver.RealPath(path) ?? path,
            Layout = layout,
            ScriptsFolder = scripts,
            ConfigPath = configPath,
            Config = PyvenvConfigParser.ReadIfPresent(configPath),
            Interpreters = folder.Interpreters,
            Interpreter = interpreter,
            Copied = layout == EnvironmentLayout.Posix ? DescribeCopy(interpreter) : null,
            LibMinors = libMinors,
            SitePackages = sitePackages,
            ActivationScripts = folder.Activation,
            ConsoleScripts = ReadConsoleScripts(scripts, folder, cancellationToken),
            Editables = sitePackages.SelectMany(EditableInstalls.Read).ToList(),
            InternalLinks = [.. folder.InternalLinks, .. rootLinks],
            HasOrigPrefix = origPrefix,
        };
    }

    /// <summary>
    /// What bin/ (or Scripts) holds, sorted by kind in one pass over its listing. <see cref="RawScripts"/> are the
    /// files whose name is not valid UTF-8 (shown path, raw name): read by their bytes, never opened by the string.
    /// </summary>
    private sealed record ScriptsFolder(List<InterpreterEntry> Interpreters, List<ActivationScript> Activation, List<string> ScriptFiles,
        List<InternalLink> InternalLinks, List<(string Shown, byte[] Raw)> RawScripts)
    {
        public static ScriptsFolder Empty => new([], [], [], [], []);
    }

    private static ScriptsFolder ReadScriptsFolder(string scripts, CancellationToken cancellationToken)
    {
        var folder = ScriptsFolder.Empty;
        foreach (var (name, type, raw) in TypedEntries(scripts))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var full = Path.Combine(scripts, name);
            if (raw is not null)
            {
                if (type is EntryType.File or EntryType.Unknown) folder.RawScripts.Add((full, raw));
            }
            else if (IsInterpreterName(name))
                folder.Interpreters.Add(DescribeInterpreter(new FileInfo(full)));
            else if (ActivationScripts.Shells.ContainsKey(name))
            {
                if (ActivationScripts.Read(full) is { } a) folder.Activation.Add(a);
            }
            // The type comes from the directory listing; LinkTarget would cost a readlink per script.
            else if (type == EntryType.Link && PathResolver.ReadLink(full) is { } target)
            {
                folder.InternalLinks.Add(new InternalLink(full, target, PathResolver.RealPath(full) is null));
                // A script linked from elsewhere (a copy made with cp -s) runs what its target's header says.
                if (IsScriptName(name) && LeadsToRegularFile(full)) folder.ScriptFiles.Add(full);
            }
            else if (type == EntryType.File && IsScriptName(name))
                folder.ScriptFiles.Add(full);
        }
        return folder;
    }

    private static bool LeadsToRegularFile(string link) =>
        FileStatus.Query(link, followLinks: true, out var status) switch
        {
            FileStatus.Outcome.Found => status.IsFile,
            FileStatus.Outcome.NotFound => false,
            _ => File.Exists(link),
        };

    /// <summary>A file of bin/ (Scripts\) that may be a console script: not a module, but setuptools' <c>NAME-script.py</c> is one.</summary>
    private static bool IsScriptName(string name) =>
        name.EndsWith("-script.py", StringComparison.OrdinalIgnoreCase) || name.EndsWith("-script.pyw", StringComparison.OrdinalIgnoreCase)
        || !name.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".py", StringComparison.Ordinal)
        && !name.EndsWith(".pyc", StringComparison.Ordinal) && !name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    private static ConsoleScript[] ReadConsoleScripts(string? scripts, ScriptsFolder listed, CancellationToken cancellationToken)
    {
        // Serial on purpose: reading a header is 3 system calls, and on the 2-CPU machines we measured a
        // Parallel.For was slower (spinning and contention) than a plain loop; a scan already diagnoses
        // environments in parallel. See benchmarks/diagnose.
        var scriptFiles = listed.ScriptFiles;
        var consoleScripts = new ConsoleScript[scriptFiles.Count + listed.RawScripts.Count];
        using var scriptFolder = consoleScripts.Length > 0 ? WorkspaceFile.Folder.Open(scripts!) : null;
        for (var i = 0; i < scriptFiles.Count; i++)
        {
            if ((i & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            consoleScripts[i] = ConsoleScripts.Read(scriptFiles[i], folder: scriptFolder);
        }
        for (var i = 0; i < listed.RawScripts.Count; i++)
        {
            var (shown, raw) = listed.RawScripts[i];
            consoleScripts[scriptFiles.Count + i] = scriptFolder is null
                ? new ConsoleScript(shown, null, false, BinaryKind.Text, "cannot read: its name is not UTF-8 and its folder could not be opened") { NameNotUtf8 = true }
                : ConsoleScripts.ReadRaw(shown, raw, scriptFolder);
        }
        return consoleScripts;
    }

    /// <summary>The interpreter a user runs: python, else python3, else whichever there is.</summary>
    private static InterpreterEntry? PreferredInterpreter(List<InterpreterEntry> interpreters) =>
        interpreters.FirstOrDefault(i => Path.GetFileNameWithoutExtension(i.Path) == "python")
        ?? interpreters.FirstOrDefault(i => Path.GetFileNameWithoutExtension(i.Path) == "python3")
        ?? interpreters.FirstOrDefault();

    /// <summary>A copied (not linked) POSIX interpreter, with the libpython it needs, for the copy rules.</summary>
    private static CopiedInterpreter? DescribeCopy(InterpreterEntry? interpreter)
    {
        if (interpreter is not { IsLink: false } || ElfDynamic.Read(interpreter.Path) is not { } elf) return null;
        var lib = elf.Needed.FirstOrDefault(n => n.StartsWith("libpython", StringComparison.Ordinal));
        return new CopiedInterpreter(interpreter.Path, elf, lib, lib is null ? null : ElfDynamic.FindLibrary(interpreter.Path, elf, lib));
    }

    /// <summary>python, python3, python3.12, python3.13t, pypy3, python.exe, pythonw.exe.</summary>
    public static bool IsInterpreterName(string name) => InterpreterName().IsMatch(name);

    private static InterpreterEntry DescribeInterpreter(FileSystemInfo entry)
    {
        var target = PathResolver.ReadLink(entry);
        var real = target is null ? entry.FullName : PathResolver.RealPath(entry.FullName);
        var facts = target is not null && real is not null ? BaseFiles.Describe(real) : null;
        return new InterpreterEntry(entry.FullName, target, real, facts);
    }

    private static (List<string> Minors, List<string> SitePackages, bool OrigPrefix) ReadLib(string path, EnvironmentLayout layout)
    {
        var minors = new List<string>();
        var sites = new List<string>();
        var origPrefix = false;
        var winSite = Path.Combine(path, "Lib", "site-packages");
        if (layout == EnvironmentLayout.Windows && Directory.Exists(winSite)) sites.Add(winSite);
        var lib = Path.Combine(path, "lib");
        foreach (var dir in SafeEntries(lib))
        {
            if (dir is not DirectoryInfo) continue;
            var m = BaseFiles.FolderMinor().Match(dir.Name);
            if (!m.Success) continue;
            origPrefix |= File.Exists(Path.Combine(dir.FullName, "orig-prefix.txt"));
            var site = Path.Combine(dir.FullName, "site-packages");
            if (!Directory.Exists(site)) continue;
            minors.Add(m.Groups[1].Value);
            sites.Add(site);
        }
        return (minors, sites, origPrefix);
    }

    /// <summary>
    /// A folder's entries with their types from the listing itself. Why not <see cref="SafeEntries"/>: each
    /// FileSystemInfo it makes costs an lstat by full path, and bin/ can hold thousands of scripts whose type is all
    /// we need. Links and entries the file system did not type are classified by one stat each.
    /// </summary>
    private static IEnumerable<(string Name, EntryType Type, byte[]? RawName)> TypedEntries(string dir)
    {
        try
        {
            return Platform.Host.Platform.Folders.ListTyped(dir)
                .Select(e => e.Type == EntryType.Unknown && e.RawName is null ? (e.Name, TypeOf(new FileInfo(Path.Combine(dir, e.Name))), null) : e).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    private static EntryType TypeOf(FileSystemInfo entry) =>
        entry.Attributes.HasFlag(FileAttributes.ReparsePoint) ? EntryType.Link
        : entry.Attributes.HasFlag(FileAttributes.Directory) ? EntryType.Directory
        : entry.Exists ? EntryType.File : EntryType.Unknown;

    private static IEnumerable<FileSystemInfo> SafeEntries(string dir)
    {
        try
        {
            return new DirectoryInfo(dir).Exists
                ? new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 }).ToList()
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    [GeneratedRegex(@"^(python|pypy)(\d+(\.\d+)?t?)?(w)?(\.exe)?$", RegexOptions.IgnoreCase)]
    private static partial Regex InterpreterName();
}
