namespace VenvDoctor.Core.Model;

/// <summary>
/// An IDE interpreter setting found in .vscode/settings.json or a *.code-workspace file.
/// <paramref name="Suggestion"/> is the full path of the interpreter to re-point to, or null.
/// <paramref name="Unreadable"/> says why the file could not be read completely (not a regular file, over its cap,
/// nested too deeply); then nothing in it was checked, and Key and Value are empty.
/// </summary>
public sealed record InterpreterSetting(string File, string Key, string Value, bool Resolves, string? Suggestion, string? Unreadable = null)
{
    /// <summary>A settings file that could not be read completely, and why.</summary>
    public static InterpreterSetting NotRead(string file, string reason) => new(file, "", "", false, null, reason);
}
