namespace VenvDoctor.Core.Anatomy;

/// <summary>Where in an environment a path was recorded. Diagnosis reads these; repair rewrites them.</summary>
public enum RecordKind
{
    PyvenvHome,
    PyvenvExecutable,
    PyvenvCommand,
    PyvenvBaseExecutable,
    PyvenvBasePrefix,
    /// <summary>VIRTUAL_ENV in an activation script (bash/zsh, csh, fish, nu, bat, ...).</summary>
    ActivationScript,
    /// <summary>Console-script shebang <c>#!/p/bin/python</c>.</summary>
    Shebang,
    /// <summary>pip's <c>#!/bin/sh</c> + <c>'''exec' /p/bin/python "$0" "$@"</c> form.</summary>
    ShebangExecForm,
    EditablePth,
    EditableFinderMapping,
    DirectUrl,
    EggLink,
    EasyInstallPth,
    /// <summary>The absolute target of bin/python (or python3.X).</summary>
    InterpreterLink,
    /// <summary>Another symlink inside the environment (lib64 -> lib).</summary>
    InternalLink,
}

/// <summary>
/// A path recorded in a file, located precisely so that a repair rewrites that span and nothing else.
/// <see cref="Start"/>/<see cref="Length"/> cover the whole encoded token in the file's text (quotes and escapes
/// included) as read by <c>File.ReadAllText</c> (UTF-8); <see cref="Value"/> is the decoded path.
/// <see cref="Format"/> names the encoding that wrote it, an entry of <see cref="RecordedPathFormats"/> (e.g.
/// <c>sh-double-quoted</c>, <c>csh</c>, <c>nu</c>, <c>exec-form</c>, <c>python-repr</c>, <c>symlink</c>), so a
/// rewrite writes the new path the same way.
/// For symlinks, File is the link, Line is 0 and Start/Length are 0.
/// </summary>
public sealed record RecordedPath(string File, RecordKind Kind, int Line, int Start, int Length, string Value, string Format);
