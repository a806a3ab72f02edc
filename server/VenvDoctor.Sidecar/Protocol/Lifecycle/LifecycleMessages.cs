using System.Text.Json;

namespace VenvDoctor.Sidecar.Protocol.Lifecycle;

// Wire shapes of the LSP lifecycle subset we speak (docs/protocol.md §2). Only the members we read or write.

public sealed class InitializeParams
{
    public int? ProcessId { get; init; }
    public ClientInfo? ClientInfo { get; init; }
    public string? RootPath { get; init; }
    public string? RootUri { get; init; }
    public IReadOnlyList<WorkspaceFolder>? WorkspaceFolders { get; init; }
    public InitializationOptions? InitializationOptions { get; init; }
    public JsonElement? Capabilities { get; init; }
    public string? Trace { get; init; }
}

public sealed class ClientInfo
{
    public string? Name { get; init; }
    public string? Version { get; init; }
}

public sealed class WorkspaceFolder
{
    public string Uri { get; init; } = "";
    public string? Name { get; init; }
}

/// <summary><c>initialize.params.initializationOptions</c>: every member optional.</summary>
public sealed class InitializationOptions
{
    public int? MaxDepth { get; init; }
    public IReadOnlyList<string>? ExcludeGlobs { get; init; }
    public IReadOnlyList<string>? ExtraSearchFolders { get; init; }
    public bool? Watch { get; init; }

    /// <summary>The user's terminal shell, which commands shown to copy are quoted for: <c>posix</c>, <c>fish</c>, <c>powershell</c>, <c>cmd</c>.</summary>
    public string? Shell { get; init; }
}

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record ServerInfo(string Name, string Version);

public sealed record ServerCapabilities(WorkspaceCapabilities Workspace, ExperimentalCapabilities Experimental);

public sealed record WorkspaceCapabilities(WorkspaceFoldersCapability WorkspaceFolders);

public sealed record WorkspaceFoldersCapability(bool Supported, bool ChangeNotifications);

/// <summary>Our own capabilities: the protocol version and every method the server answers.</summary>
public sealed record ExperimentalCapabilities(VenvDoctorCapabilities VenvDoctor);

public sealed record VenvDoctorCapabilities(int ProtocolVersion, IReadOnlyList<string> Methods);

public sealed class SetTraceParams
{
    public string? Value { get; init; }
}

public sealed class DidChangeWorkspaceFoldersParams
{
    public WorkspaceFoldersChangeEvent Event { get; init; } = new();
}

public sealed class WorkspaceFoldersChangeEvent
{
    public IReadOnlyList<WorkspaceFolder> Added { get; init; } = [];
    public IReadOnlyList<WorkspaceFolder> Removed { get; init; } = [];
}

/// <summary><c>window/logMessage</c>: type 1 error, 2 warning, 3 info, 4 log.</summary>
public sealed record LogMessageParams(int Type, string Message);
