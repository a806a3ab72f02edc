using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery.Dependents;

/// <summary>
/// Whether an environment is built on a base install: what breaks when that install is removed.
/// <list type="bullet">
/// <item>venv, virtualenv 20+, uv (and the tools' venvs: poetry, hatch, pipenv, virtualenvwrapper, pyenv-virtualenv,
/// uv tools): pyvenv.cfg <c>home</c> names the folder of the interpreter that made it, and <c>bin/python</c> is a
/// link into it (or a copy that loads its standard library from it). Built on the base when <c>home</c>, followed
/// through an outer venv as Python does, or the real path of <c>bin/python</c> lies in the base's prefix, compared by
/// real path (a symlinked prefix, <c>/bin</c> and <c>/usr/bin</c>) while the base exists, as written once it is gone.
/// <c>home</c> alone is not enough: a venv made by a symlinked <c>python3</c> records the link's folder as
/// <c>home</c>, so pyvenv.cfg <c>executable</c> (3.11+, virtualenv, uv: where that interpreter resolved to when the
/// venv was made) is a third witness, and the only one left for a <c>--copies</c> venv whose link folder is gone.</item>
/// <item>Two Pythons sharing a prefix (<c>/usr/bin/python3.11</c>, <c>/usr/bin/python3.12</c>): the environment's
/// X.Y must be the base's.</item>
/// <item>conda environments carry their own interpreter and standard library; a pyenv version is a base itself: never
/// dependents.</item>
/// <item>virtualenv before 20 and venv-shaped folders without pyvenv.cfg: only through a <c>bin/python</c> link.</item>
/// </list>
/// </summary>
public static class BuiltOn
{
    public static bool Base(PythonEnvironment environment, BaseTarget target)
    {
        if (environment.Kind is EnvironmentKind.Conda or EnvironmentKind.Pyenv) return false;
        if (target.Minor is { } minor && BaseTarget.MinorOf(environment.Version) is { } own && own != minor) return false;
        return BasePrefixes(environment).Any(prefix => SamePrefix(prefix, target));
    }

    /// <summary>The prefixes the environment's files lead to: <c>home</c>'s (through an outer venv) and its interpreter link's.</summary>
    private static IEnumerable<string> BasePrefixes(PythonEnvironment environment)
    {
        if (BaseLocation.FromHome(environment.Home) is { Prefix: { } prefix }) yield return prefix;
        if (RecordedExecutable(environment) is { } executable && Path.GetDirectoryName(Path.GetDirectoryName(executable)) is { } made)
            yield return made;
        if (environment.Interpreter is { } interpreter
            && PathResolver.RealPath(interpreter) is { } real
            && !PathResolver.IsUnderByRealPath(real, environment.Path)
            && Path.GetDirectoryName(Path.GetDirectoryName(real)) is { } linked)
            yield return linked;
    }

    /// <summary>pyvenv.cfg <c>executable</c>, read through the bounded reader; null when absent, relative or unreadable.</summary>
    private static string? RecordedExecutable(PythonEnvironment environment)
    {
        try
        {
            return PyvenvConfigParser.ReadIfPresent(Path.Combine(environment.Path, "pyvenv.cfg"))?.Executable is { } e && Path.IsPathFullyQualified(e) ? e : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>By real path while the prefix exists; as written when it no longer resolves (the base is gone).</summary>
    private static bool SamePrefix(string prefix, BaseTarget target)
    {
        var real = PathResolver.RealPath(prefix);
        if (real is not null) return string.Equals(real, target.RealPrefix, StringComparison.Ordinal);
        var written = Paths.TrimAnySeparators(prefix);
        return string.Equals(written, target.Prefix, StringComparison.Ordinal) || string.Equals(written, target.RealPrefix, StringComparison.Ordinal);
    }
}
