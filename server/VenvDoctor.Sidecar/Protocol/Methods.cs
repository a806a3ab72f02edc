namespace VenvDoctor.Sidecar.Protocol;

/// <summary>
/// The name of every method and notification a client sends (docs/protocol.md §2, §4–§6), declared once: the
/// contracts' <c>[JsonRpcMethod]</c> attributes, the handlers and the tests use these. What the server sends is in
/// <see cref="ServerNotifications"/>. The transport's own LSP names (<c>$/cancelRequest</c>, <c>$/progress</c>) belong to
/// the JSON-RPC layer.
/// </summary>
public static class Methods
{
    // §2 lifecycle
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string SetTrace = "$/setTrace";
    public const string DidChangeWorkspaceFolders = "workspace/didChangeWorkspaceFolders";

    // §4 discovery and diagnosis
    public const string List = "venv/list";
    public const string Diagnose = "venv/diagnose";
    public const string Interpreters = "venv/interpreters";
    public const string Dependents = "venv/dependents";

    // §5 watching: the editor's file events
    public const string DidChangeWatchedFiles = "workspace/didChangeWatchedFiles";

    // §6 repair
    public const string PlanRepair = "venv/planRepair";
    public const string ApplyRepair = "venv/applyRepair";
    public const string UndoRepair = "venv/undoRepair";

    // §6 the interpreter setting: its one editor and its one expander
    public const string SetInterpreterSetting = "venv/setInterpreterSetting";
    public const string ExpandSetting = "venv/expandSetting";
}
