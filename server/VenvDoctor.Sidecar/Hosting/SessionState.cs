using System.Text.Json;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>How much the client wants forwarded as <c>window/logMessage</c> (LSP <c>TraceValue</c>).</summary>
public enum ClientTraceLevel
{
    /// <summary>Warnings and errors only.</summary>
    Off,
    /// <summary>Information and above.</summary>
    Messages,
    /// <summary>Debug and above.</summary>
    Verbose,
}

/// <summary>
/// What the client told us in <c>initialize</c> (and later in <c>workspace/didChangeWorkspaceFolders</c> and
/// <c>$/setTrace</c>). One per process; handlers of every area read it. Plain values only: no wire types.
/// </summary>
/// <remarks>Readers may be on any thread: each property is replaced whole (immutable lists), never mutated.</remarks>
public sealed class SessionState
{
    private readonly TaskCompletionSource initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();

    /// <summary>Workspace folders as local absolute paths (from workspaceFolders, else rootUri, else rootPath).</summary>
    public IReadOnlyList<string> WorkspaceRoots { get; private set; } = [];

    /// <summary><c>initializationOptions.maxDepth</c>: how deep discovery looks under a root; null = the service's default.</summary>
    public int? MaxDepth { get; private set; }

    /// <summary><c>initializationOptions.excludeGlobs</c>: globs of folders discovery skips.</summary>
    public IReadOnlyList<string> ExcludeGlobs { get; private set; } = [];

    /// <summary><c>initializationOptions.extraSearchFolders</c>: more folders to look in, as absolute paths.</summary>
    public IReadOnlyList<string> ExtraSearchFolders { get; private set; } = [];

    /// <summary><c>initializationOptions.watch</c>: whether to watch roots live (default true).</summary>
    public bool Watch { get; private set; } = true;

    /// <summary>From <c>initialize.trace</c>, then <c>$/setTrace</c>.</summary>
    public ClientTraceLevel Trace { get; set; } = ClientTraceLevel.Off;

    /// <summary><c>clientInfo.name</c> (and version), for logs.</summary>
    public string? ClientName { get; private set; }

    /// <summary><c>processId</c> of the client, when it sent one.</summary>
    public int? ClientProcessId { get; private set; }

    /// <summary>The client's capabilities object as sent (e.g. to check <c>window.workDoneProgress</c>).</summary>
    public JsonElement? ClientCapabilities { get; private set; }

    /// <summary>True once <c>initialize</c> has been answered (options above are filled).</summary>
    public bool IsInitializeReceived { get; private set; }

    /// <summary>Completes when the client's <c>initialized</c> notification arrives.</summary>
    public Task Initialized => initialized.Task;

    /// <summary>Raised after <see cref="WorkspaceRoots"/> changed (<c>workspace/didChangeWorkspaceFolders</c>).</summary>
    public event EventHandler<WorkspaceRootsChangedEventArgs>? WorkspaceRootsChanged;

    public void ApplyInitialize(SessionSettings settings)
    {
        lock (gate)
        {
            WorkspaceRoots = Distinct(settings.WorkspaceRoots);
            MaxDepth = settings.MaxDepth;
            ExcludeGlobs = [.. settings.ExcludeGlobs];
            ExtraSearchFolders = Distinct(settings.ExtraSearchFolders);
            Watch = settings.Watch;
            Trace = settings.Trace;
            ClientName = settings.ClientName;
            ClientProcessId = settings.ClientProcessId;
            ClientCapabilities = settings.ClientCapabilities;
            IsInitializeReceived = true;
        }
    }

    public void MarkInitialized() => initialized.TrySetResult();

    /// <summary>Applies added/removed roots; raises <see cref="WorkspaceRootsChanged"/> when anything changed.</summary>
    public void UpdateWorkspaceRoots(IReadOnlyList<string> added, IReadOnlyList<string> removed)
    {
        WorkspaceRootsChangedEventArgs change;
        lock (gate)
        {
            var before = WorkspaceRoots;
            var after = before.Where(r => !removed.Contains(r, PathComparer)).Concat(added).ToList();
            WorkspaceRoots = Distinct(after);
            change = new WorkspaceRootsChangedEventArgs(
                WorkspaceRoots.Where(r => !before.Contains(r, PathComparer)).ToList(),
                before.Where(r => !WorkspaceRoots.Contains(r, PathComparer)).ToList(),
                WorkspaceRoots);
        }
        if (change.Added.Count > 0 || change.Removed.Count > 0)
            WorkspaceRootsChanged?.Invoke(this, change);
    }

    private static StringComparer PathComparer => StringComparer.Ordinal;

    private static IReadOnlyList<string> Distinct(IEnumerable<string> paths) =>
        paths.Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p))).Distinct(PathComparer).ToList();
}

/// <summary>The values <c>initialize</c> carries, already mapped from wire types to plain ones.</summary>
public sealed record SessionSettings(
    IReadOnlyList<string> WorkspaceRoots,
    int? MaxDepth,
    IReadOnlyList<string> ExcludeGlobs,
    IReadOnlyList<string> ExtraSearchFolders,
    bool Watch,
    ClientTraceLevel Trace,
    string? ClientName = null,
    int? ClientProcessId = null,
    JsonElement? ClientCapabilities = null);

public sealed class WorkspaceRootsChangedEventArgs(IReadOnlyList<string> added, IReadOnlyList<string> removed, IReadOnlyList<string> roots) : EventArgs
{
    public IReadOnlyList<string> Added { get; } = added;
    public IReadOnlyList<string> Removed { get; } = removed;
    public IReadOnlyList<string> Roots { get; } = roots;
}
