using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Diagnosis.Native;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>extension-abi-mismatch</c>: compiled extension modules whose file-name tag does not fit the environment's
/// interpreter, so Python never even looks at them and the import ends in "No module named ...": another CPython
/// version (<c>cpython-311</c> in a 3.12 venv, typical after an upgrade or a copy), a free-threaded tag in a regular
/// build or the reverse, a debug build's, another platform's, PyPy's, or an <c>abi3</c> module whose wheel needs a newer
/// Python (its <c>WHEEL</c> tag <c>cpXY-abi3</c>). Modules whose header is foreign are left to <c>foreign-binary</c>.
/// </summary>
public sealed class ExtensionAbiMismatchRule : IDiagnosisRule
{
    public string Code => FindingCodes.ExtensionAbiMismatch;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        if (context.Facts.SitePackages.Count == 0 || context.RecordedMinor is not { } minor) yield break;
        var native = context.Native;
        var expected = ExtensionTag.Expected(minor, native.FreeThreaded, native.Host.TagPlatform ?? native.Host.WindowsTagPlatform);
        var bad = new List<(string Path, string Detail)>();
        foreach (var f in native.Files)
        {
            if (!f.File.IsModule || f.File.Tag is not { } tag) continue;
            if (f.Header is not null && native.Host.WhyForeign(f.Header) is not null) continue;
            if (Misfit(native, minor, expected, f.File.Path, tag) is { } why) bad.Add((f.File.Path, why));
        }
        foreach (var group in BinaryEvidence.ByDistribution(native, bad, b => b.Path))
        {
            var files = group.ToList();
            var data = BinaryEvidence.Of(native, files, "tags");
            data["distribution"] = group.Key;
            data["expected"] = $"{expected}, abi3 (built for {minor} or older), or no tag";
            data["version"] = minor;
            yield return new Finding(Code, Severity.Error,
                $"{BinaryEvidence.Capitalise(BinaryEvidence.Describe(native, files))} {BinaryEvidence.Whose(group.Key)} {(files.Count == 1 ? "is" : "are")} tagged "
                + $"{string.Join(", ", files.Select(f => f.Detail).Distinct().Take(5))}, not {expected}: Python {minor}{(native.FreeThreaded ? " (free-threaded)" : "")} skips "
                + $"{(files.Count == 1 ? "it" : "them")} and the import fails with \"No module named ...\". "
                + (group.Key == NativeBinaries.Unknown ? "Reinstall the package that provides them, or recreate the environment." : $"Reinstall {group.Key} with this environment's pip."), data);
        }
    }

    /// <summary>The tag as shown (with why, when not obvious) when it does not fit; null when it does.</summary>
    private static string? Misfit(NativeBinaries native, string minor, string expected, string path, ExtensionTag tag)
    {
        if (tag.Implementation == "pypy") return $"{tag.Text} (PyPy)";
        if (tag.IsAbi3)
        {
            var needs = Abi3Minimum(native.OwnerOf(path));
            return needs is not null && Version.TryParse(minor, out var have) && Version.Parse(needs) > have ? $"abi3 (its wheel needs Python {needs}+)" : null;
        }
        if (tag.Platform is { } plat && plat.StartsWith("win", StringComparison.Ordinal) && native.Host.Format != BinaryFormat.Pe) return $"{tag.Text} (Windows)";
        var wanted = ExtensionTag.Expected(minor, native.FreeThreaded, null);
        if (tag.Minor != minor || $"cpython-{tag.Minor!.Replace(".", "", StringComparison.Ordinal)}{tag.Flags}" != wanted)
            return tag.Text + (tag.Flags.Contains('d') ? " (debug build)" : tag.Flags.Contains('t') && !native.FreeThreaded ? " (free-threaded)"
                : !tag.Flags.Contains('t') && native.FreeThreaded ? " (not free-threaded)" : "");
        if (tag.Platform is not null && !tag.Platform.StartsWith("win", StringComparison.Ordinal) && native.Host.TagPlatform is { } host && tag.Platform != host) return tag.Text;
        // cp312-win32 in a win_amd64 venv: Windows skips a module tagged for another Windows platform.
        if (tag.Platform is { } windows && windows.StartsWith("win", StringComparison.Ordinal) && native.Host.WindowsTagPlatform is { } own && windows != own) return $"{tag.Text} (another Windows CPU)";
        return null;
    }

    /// <summary>The oldest Python an abi3 wheel supports: its <c>cpXY-abi3-*</c> WHEEL tag, or null when unknown.</summary>
    private static string? Abi3Minimum(Anatomy.Native.DistributionRef? owner)
    {
        if (owner is null) return null;
        var versions = owner.WheelTags()
            .Select(t => t.Split('-'))
            .Where(p => p.Length == 3 && p[1] == "abi3" && p[0].StartsWith("cp3", StringComparison.Ordinal) && p[0].Length > 3 && p[0][3..].All(char.IsAsciiDigit))
            .Select(p => new Version(3, int.Parse(p[0][3..], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return versions.Count == 0 ? null : versions.Min()!.ToString(2);
    }
}
