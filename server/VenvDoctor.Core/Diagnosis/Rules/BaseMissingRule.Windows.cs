using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis.Rules;

public sealed partial class BaseMissingRule
{
    /// <summary>A native Windows venv whose base install is gone (from pyvenv.cfg <c>home</c>), or whose launcher is; null when it is there.</summary>
    private Finding? WindowsBaseGone(EnvironmentFacts facts)
    {
        if (facts.Config is not { } config) return null;
        var launcher = Path.Combine(facts.ScriptsFolder!, "python.exe");
        if (!File.Exists(launcher))
            return new Finding(Code, Severity.Error, "The environment has no Scripts\\python.exe: its interpreter was deleted.",
                new Dictionary<string, string> { ["file"] = launcher });
        if (config.Home is not { } home || !Path.IsPathRooted(home)) return null;
        var found = WindowsBase.Read(home);
        var data = new Dictionary<string, string> { ["file"] = config.File, ["home"] = home };
        if (!found.HomeExists)
            return new Finding(Code, Severity.Error,
                $"The base Python this environment runs on is gone: {home} (pyvenv.cfg's home) does not exist; Scripts\\python.exe cannot start (was that Python uninstalled?).", data);
        if (!found.HasPythonExe)
        {
            data["missing"] = Path.Combine(home, "python.exe");
            return new Finding(Code, Severity.Error, $"The base Python this environment runs on is gone: {home} holds no python.exe.", data);
        }
        // The Store's alias folder holds app execution aliases only (relink-base's target for base-versioned-folder):
        // the standard library is in the package folder they lead to.
        if (!found.StdlibPresent && VersionedBaseFolders.StoreAliasMinor(Path.Combine(home, "python.exe")) is null)
        {
            data["missing"] = Path.Combine(home, "Lib", "encodings");
            return new Finding(Code, Severity.Error, $"The base Python's standard library is gone (no {data["missing"]}): Python fails at start-up.", data);
        }
        return null;
    }
}
