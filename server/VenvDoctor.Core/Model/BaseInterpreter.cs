namespace VenvDoctor.Core.Model;

/// <summary>
/// An installed base Python, found and versioned from files alone (never run).
/// <paramref name="Source"/>: path, system, pyenv, homebrew, uv, conda.
/// </summary>
public sealed record BaseInterpreter(string Executable, string Version, string Source, string? Prefix);
