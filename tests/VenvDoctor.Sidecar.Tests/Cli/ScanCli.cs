using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>Runs the real <c>venv-sidecar</c> built next to the tests, as a separate process.</summary>
internal static class ScanCli
{
    public static VenvDoctor.Core.Tests.Support.Run.Result Run(string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "venv-sidecar.dll");
        return VenvDoctor.Core.Tests.Support.Run.Process("dotnet", [dll, .. args], workingDirectory,
            new Dictionary<string, string?> { ["NO_COLOR"] = null, ["DOTNET_NOLOGO"] = "1" }, TimeSpan.FromSeconds(120));
    }
}
