using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Discovery;

/// <summary>
/// A folder a locator recognised as an environment, before diagnosis.
/// <see cref="Path"/> is as the user sees it; <see cref="RealPath"/> has symlinks resolved (an alias is not a move).
/// </summary>
public sealed record EnvironmentCandidate(string Path, string RealPath, EnvironmentKind Kind, string Locator, string? Manager);
