namespace VenvDoctor.Core.Model;

/// <summary>
/// An IDE interpreter setting found in .vscode/settings.json or a *.code-workspace file.
/// <paramref name="Suggestion"/> is the full path of the interpreter to re-point to, or null.
/// </summary>
public sealed record InterpreterSetting(string File, string Key, string Value, bool Resolves, string? Suggestion);
