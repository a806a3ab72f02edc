namespace VenvDoctor.Core.Anatomy;

/// <summary>A path read from text: where its encoded token starts, how long the token is, and the decoded path.</summary>
public readonly record struct PathToken(int Start, int Length, string Value);

/// <summary>
/// One entry of <see cref="RecordedPathFormats"/>' table: how a format writes a path, how it reads one back, and
/// which paths it cannot carry (then <see cref="Fallback"/>, a format of the same reader that can, or a refusal).
/// </summary>
/// <param name="Name">The name on the wire (<c>RecordedPath.Format</c>, finding evidence).</param>
/// <param name="Cannot">What the format cannot carry, in words; null when it carries any path.</param>
/// <param name="Refusal">Why this path cannot be written in the format; null when it can.</param>
/// <param name="Write">The token for a path the format can carry.</param>
/// <param name="Read">The path of the token at an offset of a text; null when no token of this format is there.</param>
/// <param name="Fallback">The format written instead when <see cref="Refusal"/> answers, or null to refuse.</param>
public sealed record PathFormat(
    string Name,
    string? Cannot,
    Func<string, string?> Refusal,
    Func<string, string> Write,
    Func<string, int, PathToken?> Read,
    string? Fallback = null);

/// <summary>A path that a format (and its fallbacks) cannot carry: the file is left as it is, with this reason.</summary>
public sealed class UnencodablePathException(string format, string path, string reason)
    : Exception($"a {format} token cannot hold {path}: {reason}")
{
    public string Format { get; } = format;
    public string Reason { get; } = reason;
}
