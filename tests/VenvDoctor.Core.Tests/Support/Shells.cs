namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// Where the shells the activation proofs source are: the distribution's in /usr/bin (bash, zsh, fish, tcsh, dash as
/// sh); nushell and PowerShell in the test cache that scripts/setup.sh installs them into (npm's
/// <c>@nushell/linux-x64</c>, the <c>PowerShell</c> dotnet tool). Where scripts/test-all.sh lists a shell in
/// VENV_DOCTOR_REQUIRE_SHELLS, its absence fails the test instead of skipping it.
/// </summary>
public static class Shells
{
    public static string CacheRoot =>
        Environment.GetEnvironmentVariable("VENV_DOCTOR_TEST_DATA")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "venv-doctor-tests");

    /// <summary>The shell's executable, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        string[] candidates = name switch
        {
            "nu" => [Path.Combine(CacheRoot, "nushell", "node_modules", "@nushell", "linux-x64", "bin", "nu")],
            "pwsh" => [Path.Combine(CacheRoot, "powershell", "pwsh")],
            _ => [$"/usr/bin/{name}", $"/bin/{name}"],
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>The shells CI installed and so must check (scripts/test-all.sh).</summary>
    public static IReadOnlyList<string> Required =>
        (Environment.GetEnvironmentVariable("VENV_DOCTOR_REQUIRE_SHELLS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The shell's executable; a failure (not a skip) when it is missing.</summary>
    public static string Get(string name) =>
        Find(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not installed, but VENV_DOCTOR_REQUIRE_SHELLS asks for it (scripts/setup.sh installs it)");

    /// <summary>Why a test of this shell is skipped here, or null when it runs (installed, or required so that it fails).</summary>
    public static string? SkipReason(string name) =>
        Find(name) is null && !Required.Contains(name) ? $"{name} is not installed (scripts/setup.sh installs it)" : null;
}

/// <summary>A [Fact] for one shell, skipped with the reason when the shell is not installed and CI does not require it.</summary>
public sealed class ShellFactAttribute : FactAttribute
{
    public ShellFactAttribute(string shell) => Skip = Shells.SkipReason(shell);
}
