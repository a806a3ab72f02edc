using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>foreign-platform</c>: made for another OS — a Windows layout (<c>Scripts\</c>, <c>Lib\</c>) or a Windows
/// <c>home</c> seen on POSIX, or a POSIX layout/home seen on Windows (e.g. a venv committed to a repository).
/// </summary>
public sealed class ForeignPlatformRule : IDiagnosisRule
{
    public string Code => FindingCodes.ForeignPlatform;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var facts = context.Facts;
        var home = facts.Config?.Home;
        var foreignLayout = Host.IsWindows ? facts.Layout == EnvironmentLayout.Posix : facts.Layout == EnvironmentLayout.Windows;
        var foreignHome = home is not null && PlatformPaths.IsForeign(home);
        if (!foreignLayout && !foreignHome) yield break;
        var made = Host.IsWindows ? "Linux or macOS" : "Windows";
        var data = new Dictionary<string, string> { ["layout"] = facts.Layout.ToString().ToLowerInvariant() };
        if (home is not null) data["home"] = home;
        if (facts.Config is not null) data["file"] = facts.Config.File;
        yield return new Finding(Code, Severity.Error,
            $"This environment was made on {made} and cannot run here; recreate it on this machine.", data);
    }
}
