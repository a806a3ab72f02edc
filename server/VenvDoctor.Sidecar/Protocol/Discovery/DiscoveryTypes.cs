using System.Text.Json;
using VenvDoctor.JsonRpc;

namespace VenvDoctor.Sidecar.Protocol.Discovery;

// The discovery wire types (docs/protocol.md §3–§4). The same records are the CLI's `scan --json` document.
// Enums travel as their kebab-case names (Core.Model.WireNames); "unknown" is null.

public sealed record FindingDto(string Code, string Severity, string Message, IReadOnlyDictionary<string, string> Data);

public sealed record SuggestionDto(string Action, string Title, IReadOnlyDictionary<string, string> Data);

public sealed record EnvironmentDto(
    string Path,
    string Kind,
    string? Version,
    string? Interpreter,
    string? Home,
    string? Prompt,
    string? Manager,
    string Health,
    IReadOnlyList<FindingDto> Findings,
    IReadOnlyList<SuggestionDto> Suggestions);

public sealed record InterpreterSettingDto(string File, string Key, string Value, bool Resolves, string? Suggestion, string? Unreadable);

public sealed record BaseInterpreterDto(string Executable, string Version, string Source, string? Prefix);

public sealed record SkippedDto(string Path, string Reason);

/// <summary>The result of <c>venv/list</c> and the document <c>scan --json</c> prints.</summary>
public sealed record ScanResultDto(
    IReadOnlyList<EnvironmentDto> Environments,
    IReadOnlyList<InterpreterSettingDto> Settings,
    IReadOnlyList<BaseInterpreterDto> Interpreters,
    IReadOnlyList<SkippedDto> Skipped);

/// <summary><c>venv/list</c> params. Absent fields fall back to the session (workspace folders, initializationOptions).</summary>
public sealed record ListParams : IProgressParams
{
    public JsonElement? WorkDoneToken { get; init; }
    public JsonElement? PartialResultToken { get; init; }
    public string? Scope { get; init; }
    public IReadOnlyList<string>? Roots { get; init; }
    public int? MaxDepth { get; init; }
    public IReadOnlyList<string>? ExcludeGlobs { get; init; }
    public bool? Probe { get; init; }
}

/// <summary><c>venv/diagnose</c> params.</summary>
public sealed record DiagnoseParams
{
    public string? Path { get; init; }
    public bool? Probe { get; init; }
}

/// <summary><c>venv/interpreters</c> params (none).</summary>
public sealed record InterpretersParams;

public sealed record InterpretersResult(IReadOnlyList<BaseInterpreterDto> Interpreters);

/// <summary><c>venv/dependents</c> params: the base (interpreter path, prefix or pyenv version) and the folders to walk besides the machine's locations (default: the workspace folders).</summary>
public sealed record DependentsParams
{
    public string? Python { get; init; }
    public IReadOnlyList<string>? Roots { get; init; }
}

/// <summary>The base as <c>venv/dependents</c> resolved it: the name given, its install prefix (as named and by real path), version, and the X.Y it is limited to (null: every Python of that prefix).</summary>
public sealed record DependentsBaseDto(string Given, string Prefix, string RealPrefix, string Version, string? Minor);

/// <summary>The result of <c>venv/dependents</c> and the document <c>dependents --json</c> prints.</summary>
public sealed record DependentsResult(DependentsBaseDto Base, IReadOnlyList<EnvironmentDto> Environments);

/// <summary><c>venv/found</c>: one environment, diagnosed, while <c>venv/list</c> runs.</summary>
public sealed record FoundNotification(EnvironmentDto Environment);

/// <summary>The <c>value</c> of a <c>$/progress</c> partial result of <c>venv/list</c>: environments diagnosed since the last one.</summary>
public sealed record ListPartialResult(IReadOnlyList<EnvironmentDto> Environments);
