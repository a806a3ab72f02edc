namespace VenvDoctor.Core.Anatomy;

/// <summary>Where an environment keeps its scripts: <c>bin/</c> (POSIX) or <c>Scripts\</c> (Windows).</summary>
public enum EnvironmentLayout { Posix, Windows, Unknown }

/// <summary>
/// An interpreter entry of bin/ (python, python3, python3.X, Scripts/python.exe). <see cref="Target"/> is the raw
/// link target as written (not normalised; null when the entry is a real file, e.g. <c>--copies</c>);
/// <see cref="RealTarget"/> is where the whole chain ends, or null when it dangles or loops.
/// </summary>
public sealed record InterpreterEntry(string Path, string? Target, string? RealTarget, BaseFacts? Base)
{
    public bool IsLink => Target is not null;
    public bool Dangling => IsLink && RealTarget is null;
}

/// <summary>A symlink inside the environment that is not an interpreter (lib64 -> lib, ...).</summary>
public sealed record InternalLink(string Path, string Target, bool Dangling);

/// <summary>
/// What the files of a base installation say (never run): its real executable, prefix, X.Y (from the executable's
/// name, <c>include/pythonX.Y/patchlevel.h</c> or a lone <c>lib/pythonX.Y</c>), X.Y.Z when patchlevel.h has it,
/// and whether its standard library is there.
/// </summary>
public sealed record BaseFacts(string Executable, string? Prefix, string? Minor, string? PatchVersion, bool StdlibPresent);

/// <summary>A <c>--copies</c> interpreter's link to its base library (libpythonX.Y.so), read from the ELF.</summary>
public sealed record CopiedInterpreter(string Path, ElfDynamicInfo Elf, string? LibPython, string? LibPythonFound);

/// <summary>
/// Everything one environment's files say, read once. Diagnosis rules decide from this; repair rewrites the
/// <see cref="RecordedPaths"/>. Built by <see cref="EnvironmentFactsReader"/>.
/// </summary>
public sealed class EnvironmentFacts
{
    public required string Path { get; init; }
    /// <summary>The environment folder with symlinks resolved (an alias is not a move).</summary>
    public required string RealPath { get; init; }
    public required EnvironmentLayout Layout { get; init; }
    /// <summary>bin/ or Scripts\ (full path), when present.</summary>
    public string? ScriptsFolder { get; init; }
    public required string ConfigPath { get; init; }
    /// <summary>pyvenv.cfg, parsed; null when the file does not exist.</summary>
    public PyvenvConfig? Config { get; init; }
    public IReadOnlyList<InterpreterEntry> Interpreters { get; init; } = [];
    /// <summary>The interpreter a user runs (bin/python, else python3, else the first entry).</summary>
    public InterpreterEntry? Interpreter { get; init; }
    /// <summary>Set when the interpreter is a real ELF file (<c>--copies</c>).</summary>
    public CopiedInterpreter? Copied { get; init; }
    /// <summary>X.Y of every <c>lib/pythonX.Y</c> folder that has site-packages.</summary>
    public IReadOnlyList<string> LibMinors { get; init; } = [];
    public IReadOnlyList<string> SitePackages { get; init; } = [];
    public IReadOnlyList<ActivationScript> ActivationScripts { get; init; } = [];
    public IReadOnlyList<ConsoleScript> ConsoleScripts { get; init; } = [];
    public IReadOnlyList<EditableInstall> Editables { get; init; } = [];
    public IReadOnlyList<InternalLink> InternalLinks { get; init; } = [];
    /// <summary>Legacy virtualenv (&lt;20) marker: lib/pythonX.Y/orig-prefix.txt.</summary>
    public bool HasOrigPrefix { get; init; }

    /// <summary>
    /// Every recorded absolute path, each located in its file: pyvenv.cfg values, activation scripts, shebangs,
    /// editable records, and absolute interpreter/internal link targets (as <see cref="RecordKind.InterpreterLink"/> /
    /// <see cref="RecordKind.InternalLink"/>, Line 0).
    /// </summary>
    public IEnumerable<RecordedPath> RecordedPaths()
    {
        if (Config is not null)
            foreach (var p in Config.RecordedPaths()) yield return p;
        foreach (var a in ActivationScripts)
            foreach (var p in a.Paths) yield return p;
        foreach (var s in ConsoleScripts)
            if (s.Interpreter is { } p) yield return p;
        foreach (var e in Editables) yield return e.Path;
        foreach (var i in Interpreters)
            if (i.Target is { } t && System.IO.Path.IsPathRooted(t))
                yield return new RecordedPath(i.Path, RecordKind.InterpreterLink, 0, 0, 0, t, RecordedPathFormats.Symlink);
        foreach (var l in InternalLinks)
            if (System.IO.Path.IsPathRooted(l.Target))
                yield return new RecordedPath(l.Path, RecordKind.InternalLink, 0, 0, 0, l.Target, RecordedPathFormats.Symlink);
    }
}
