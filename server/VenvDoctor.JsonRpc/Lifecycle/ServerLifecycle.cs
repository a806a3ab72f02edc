namespace VenvDoctor.JsonRpc;

/// <summary>The LSP lifecycle states a server moves through.</summary>
public enum LifecycleState
{
    /// <summary>Before a successful <c>initialize</c>: other requests are answered -32002.</summary>
    NotInitialized,
    /// <summary>Serving.</summary>
    Initialized,
    /// <summary>After <c>shutdown</c>: requests are answered -32600; only <c>exit</c> is acted on.</summary>
    ShutDown,
}

/// <summary>
/// LSP lifecycle state shared by the dispatcher (which gates methods on it) and the lifecycle handlers (which move
/// it on). Knows nothing about what <c>initialize</c> carries; that is the server's business.
/// </summary>
public sealed class ServerLifecycle
{
    private readonly TaskCompletionSource exitRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile LifecycleState state;

    public LifecycleState State => state;

    /// <summary>Completes when <c>initialize</c> has succeeded.</summary>
    public Task Initialized => initialized.Task;

    /// <summary>Completes when the client sends <c>exit</c>.</summary>
    public Task ExitRequested => exitRequested.Task;

    public bool ShutdownRequested => state == LifecycleState.ShutDown;

    /// <summary>LSP: exit code 0 when <c>shutdown</c> came before <c>exit</c>, 1 otherwise.</summary>
    public int ExitCode => ShutdownRequested ? 0 : 1;

    /// <summary>Moves to <see cref="LifecycleState.Initialized"/>; false when initialize already happened.</summary>
    public bool TryMarkInitialized()
    {
        if (state != LifecycleState.NotInitialized) return false;
        state = LifecycleState.Initialized;
        initialized.TrySetResult();
        return true;
    }

    public void MarkShutdown() => state = LifecycleState.ShutDown;

    public void RequestExit() => exitRequested.TrySetResult();
}
