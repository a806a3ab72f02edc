namespace VenvDoctor.JsonRpc;

/// <summary>Handles a request: params in, result out. Throw <see cref="RpcException"/> for a specific error code.</summary>
public delegate ValueTask<TResult> RequestHandler<TParams, TResult>(TParams @params, RequestContext context, CancellationToken cancellationToken);

/// <summary>Handles a notification (no response).</summary>
public delegate ValueTask NotificationHandler<TParams>(TParams @params, CancellationToken cancellationToken);

/// <summary>How the dispatcher schedules a method.</summary>
[Flags]
public enum MethodOptions
{
    None = 0,
    /// <summary>Changes server state: runs one at a time, in arrival order, after earlier state-changing work.</summary>
    ChangesState = 1,
    /// <summary>May run before <c>initialize</c> (lifecycle methods only).</summary>
    AllowedBeforeInitialize = 2,
    /// <summary>
    /// Runs on the read loop, to completion, before the next message is read: for a cheap, synchronous notification
    /// whose effect every later message must see (<c>$/setTrace</c>: a log written for the next request must already
    /// use the new level; <c>initialized</c>: the next request finds the session initialized). The handler must not
    /// block or await, nor run continuations inline.
    /// </summary>
    RunsInline = 4,
}
