using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VenvDoctor.JsonRpc;

/// <summary>
/// CLaSP's request queue, small: state-changing work runs one at a time in arrival order; read-only work starts at
/// once on the thread pool, concurrently. StreamJsonRpc only orders the start of handlers (its non-concurrent
/// synchronization context), so each handler enters here synchronously, first thing, and arrival order holds.
/// </summary>
public sealed class RequestQueue(ILogger<RequestQueue>? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger<RequestQueue>.Instance;
    private readonly Lock gate = new();
    private Task chain = Task.CompletedTask;

    /// <summary>Read-only work: concurrent with everything else, off the dispatching thread.</summary>
    public Task<T> ReadAsync<T>(Func<Task<T>> work) => Task.Run(work);

    /// <summary>State-changing work: after every state-changing item that arrived before it.</summary>
    public Task<T> ChangeAsync<T>(Func<Task<T>> work)
    {
        lock (gate)
        {
            var next = chain.ContinueWith(_ => work(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            chain = next;
            return next;
        }
    }

    /// <summary>State-changing work without a result.</summary>
    public Task ChangeAsync(Action work) => ChangeAsync<bool>(() => { work(); return Task.FromResult(true); });

    /// <summary>A state-changing notification: queued in order; there is nobody to answer, so a failure is logged.</summary>
    public void Post(string method, Action work) =>
        ChangeAsync(work).ContinueWith(t => log.LogWarning(t.Exception!.GetBaseException(), "Notification '{Method}' failed", method),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
