using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Settings;

/// <summary>
/// The one expander of the variables VS Code allows in an interpreter setting read from a settings file:
/// <c>${workspaceFolder}</c> (and the old <c>${workspaceRoot}</c>), <c>${workspaceFolder:NAME}</c>, <c>${userHome}</c>,
/// <c>${env:NAME}</c> (this process's environment, which the editor that started the sidecar passed on; unset is
/// empty, as VS Code makes it), a leading <c>~</c>, and a path relative to the folder. The sidecar owns it: the
/// CLI has no editor to ask, and the extension reads whether a setting resolves, and where to, from <c>settings</c>.
/// </summary>
public static partial class SettingVariables
{
    /// <summary>
    /// The absolute path <paramref name="value"/> names for a settings file of <paramref name="folder"/>.
    /// <c>${workspaceFolder:NAME}</c> is <paramref name="folder"/> too: a file of one folder names its own folder, and
    /// which folder another NAME is is known only to the editor.
    /// </summary>
    public static string Expand(string value, string folder, Func<string, string?>? environment = null) =>
        Expand(value, folder, SettingPathStyle.ForHost, environment, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>As <see cref="Expand(string, string, Func{string, string?}?)"/>, for the paths of <paramref name="style"/> (a Windows value read on any host, in tests).</summary>
    public static string Expand(string value, string folder, SettingPathStyle style, Func<string, string?>? environment, string home)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var v = Variable().Replace(value, m => m.Groups["name"].Value switch
        {
            "workspaceFolder" or "workspaceRoot" => folder,
            "userHome" => home,
            "env" => environment(m.Groups["arg"].Value) ?? "",
            _ => m.Value,
        });
        if (v == "~" || v.StartsWith("~/", StringComparison.Ordinal) || (style == SettingPathStyle.Windows && v.StartsWith(@"~\", StringComparison.Ordinal)))
            v = home + v[1..];
        return style.Full(v, folder);
    }

    [GeneratedRegex(@"\$\{(?<name>workspaceFolder|workspaceRoot|userHome|env)(?::(?<arg>[^}]*))?\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Variable();
}
