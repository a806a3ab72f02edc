using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Repair.Actions;

/// <summary>The base interpreter a repair uses: the one the user chose, else the inventory's best of the same minor.</summary>
internal static class BaseResolution
{
    public sealed record ChosenBase(string Executable, string RealExecutable, string? Version, string? Minor);

    public static ChosenBase Choose(RepairRequest request, EnvironmentFacts facts, bool sameMinorOnly)
    {
        var envVersion = facts.Config?.Version ?? (facts.LibMinors.Count > 0 ? facts.LibMinors[0] : null);
        BaseInterpreter? known = null;
        string executable;
        if (request.Base is { } chosen)
        {
            executable = Path.GetFullPath(chosen);
            known = request.Interpreters.FirstOrDefault(i => i.Executable == executable);
        }
        else
        {
            known = sameMinorOnly ? BaseChoice.SameMinor(request.Interpreters, envVersion) : BaseChoice.SameMinorOrNewest(request.Interpreters, envVersion);
            executable = known?.Executable ?? throw new RepairException(envVersion is null
                ? "No base interpreter given and the environment's version is unknown; pass --base PYTHON."
                : $"No installed Python {BaseChoice.MinorOf(envVersion)} was found; pass --base PYTHON.");
        }
        var real = PathResolver.RealPath(executable) ?? throw new RepairException($"The base interpreter {executable} does not exist.");
        var version = known?.Version ?? VersionFromFiles(real);
        var minor = version is null ? MinorFromName(real) : BaseChoice.MinorOf(version);
        if (sameMinorOnly && envVersion is not null && minor is not null && minor != BaseChoice.MinorOf(envVersion))
            throw new RepairException($"The environment is Python {BaseChoice.MinorOf(envVersion)} but {executable} is Python {minor}: its packages would not load. Use recreate instead.");
        return new ChosenBase(executable, real, version, minor);
    }

    /// <summary>X.Y.Z from the base's <c>include/pythonX.Y/patchlevel.h</c>, read as a file (never run).</summary>
    private static string? VersionFromFiles(string realExecutable)
    {
        var minor = MinorFromName(realExecutable);
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(realExecutable));
        if (minor is null || prefix is null) return null;
        var header = Path.Combine(prefix, "include", $"python{minor}", "patchlevel.h");
        // Bounded, regular files only: a base's header that is a FIFO or a device is no answer, never a hang.
        if (WorkspaceFile.TryReadText(header, FileKind.VersionHeader) is not { } text) return null;
        foreach (var line in text.Split('\n'))
            if (line.StartsWith("#define PY_VERSION ", StringComparison.Ordinal))
                return line["#define PY_VERSION ".Length..].Trim().Trim('"').TrimEnd('+');
        return null;
    }

    private static string? MinorFromName(string executable)
    {
        var name = Path.GetFileName(executable);
        return name.StartsWith("python", StringComparison.Ordinal) && name.Length > 6 && name[6..].Contains('.') ? name[6..] : null;
    }
}
