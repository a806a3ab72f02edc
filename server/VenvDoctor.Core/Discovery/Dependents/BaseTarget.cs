using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Files;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Discovery.Locators;
using VenvDoctor.Core.Discovery.Machine;

namespace VenvDoctor.Core.Discovery.Dependents;

/// <summary>
/// A base Python install as the user named it (an interpreter path, its install prefix or bin folder, or a pyenv
/// version name), pinned down by real path: a symlinked <c>python3</c> and the binary it leads to are one install.
/// <paramref name="Minor"/> separates two Pythons that share a prefix (<c>/usr/bin/python3.11</c> and
/// <c>/usr/bin/python3.12</c> both live in <c>/usr</c>); null when the name was a prefix, which means all of them.
/// </summary>
public sealed record BaseTarget(string Given, string Prefix, string RealPrefix, string? Minor, string Version)
{
    /// <summary>Resolves <paramref name="python"/>; throws <see cref="UnknownBaseException"/> (one line) when it names no base install.</summary>
    public static BaseTarget Resolve(string python, MachineLocations locations)
    {
        if (string.IsNullOrWhiteSpace(python)) throw new UnknownBaseException("no Python named (give an interpreter path, its install folder or a pyenv version)");
        if (!python.Contains('/') && PyenvVersion(python, locations) is { } version) return OfPrefix(python, version, null);
        var path = python.Contains('/') ? Paths.Full(python) : OnPath(python, locations)
            ?? throw new UnknownBaseException($"{python} is neither a pyenv version nor a program on PATH");
        if (Directory.Exists(path))
        {
            var prefix = Path.GetFileName(path) == "bin" ? Path.GetDirectoryName(path)! : path;
            return OfPrefix(python, prefix, null);
        }
        if (!File.Exists(path)) throw new UnknownBaseException($"no such interpreter: {python}");
        if (IsPyenvShim(path, locations))
            throw new UnknownBaseException($"{python} is a pyenv shim, which picks a version only when it runs: name the version (as `pyenv versions` lists it) or its interpreter under {Path.Combine(locations.PyenvRoot, "versions")}");
        var real = PathResolver.RealPath(path) ?? throw new UnknownBaseException($"{python} does not resolve (a dangling or looping link)");
        var realPrefix = Path.GetDirectoryName(Path.GetDirectoryName(real))
            ?? throw new UnknownBaseException($"{python} is not inside an install prefix (PREFIX/bin/python)");
        var name = Path.GetFileName(real);
        var minor = FolderView.IsPythonVersionName(name) ? name[6..] : null;
        return OfPrefix(python, realPrefix, minor);
    }

    private static BaseTarget OfPrefix(string given, string prefix, string? minor)
    {
        var realPrefix = PathResolver.RealPath(prefix) ?? throw new UnknownBaseException($"no such folder: {prefix}");
        if (File.Exists(Path.Combine(realPrefix, "pyvenv.cfg")))
            throw new UnknownBaseException($"{given} belongs to a virtual environment ({realPrefix}), not a base install: name the Python its pyvenv.cfg `home` names");
        var version = BaseInstall.VersionOf(PhysicalFileSystem.Instance, realPrefix, minor);
        if (version is null) throw new UnknownBaseException($"{given} is not a Python install (no lib/pythonX.Y with its standard library under {realPrefix})");
        minor ??= given.Contains('/') ? null : MinorOf(version);
        return new BaseTarget(given, Paths.TrimSeparators(prefix), realPrefix, minor, version);
    }

    /// <summary>X.Y of X.Y.Z (or of X.Y).</summary>
    public static string? MinorOf(string? version) =>
        version?.Split('.') is { Length: >= 2 } parts ? $"{parts[0]}.{new string(parts[1].TakeWhile(char.IsDigit).ToArray())}" : null;

    /// <summary>$PYENV_ROOT/versions/NAME when NAME is a plain folder name there (what <c>pyenv uninstall NAME</c> removes).</summary>
    private static string? PyenvVersion(string name, MachineLocations locations)
    {
        if (name is "." or ".." || name.Contains('\0')) return null;
        var folder = Path.Combine(locations.PyenvRoot, "versions", name);
        return Directory.Exists(folder) ? folder : null;
    }

    /// <summary>The first PATH entry holding <paramref name="name"/>, as a shell would run it.</summary>
    private static string? OnPath(string name, MachineLocations locations) =>
        locations.PathEntries.Where(Path.IsPathFullyQualified).Select(e => Path.Combine(e, name)).FirstOrDefault(File.Exists);

    /// <summary>A script in pyenv's shims folder (or any script: a base interpreter is a binary, never <c>#!</c>).</summary>
    private static bool IsPyenvShim(string path, MachineLocations locations)
    {
        if (Paths.IsUnder(Paths.Full(path), Path.Combine(locations.PyenvRoot, "shims"))) return true;
        try { return PhysicalFileSystem.Instance.ReadHead(path, FileKind.ScriptHead, 2) is "#!"; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}

/// <summary>The name given does not lead to a base Python install; the message says why, on one line.</summary>
public sealed class UnknownBaseException(string message) : Exception(message);
