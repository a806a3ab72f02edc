namespace VenvDoctor.Core.Model;

/// <summary>The stable kebab-case / lower-case names of enums on the wire and in CLI JSON.</summary>
public static class WireNames
{
    public static string Of(EnvironmentKind kind) => kind switch
    {
        EnvironmentKind.Venv => "venv",
        EnvironmentKind.Virtualenv => "virtualenv",
        EnvironmentKind.Uv => "uv",
        EnvironmentKind.Conda => "conda",
        EnvironmentKind.LegacyVirtualenv => "legacy-virtualenv",
        EnvironmentKind.WindowsVenv => "windows-venv",
        EnvironmentKind.VenvShaped => "venv-shaped",
        EnvironmentKind.Pyenv => "pyenv",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Of(Health health) => health switch
    {
        Health.Ok => "ok",
        Health.Warning => "warning",
        Health.Broken => "broken",
        _ => throw new ArgumentOutOfRangeException(nameof(health)),
    };

    public static string Of(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };
}
