using System.Collections.Concurrent;
using System.Text.Json;

namespace VenvDoctor.JsonRpc.Dispatch;

/// <summary>Requests this side sent and awaits answers for, keyed by the numeric ids we hand out.</summary>
internal sealed class PendingRequests
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> pending = new();
    private readonly Lock gate = new();
    private long nextId;
    private Exception? closedWith;

    public (long Id, Task<JsonElement> Response) Add()
    {
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (closedWith is not null) throw closedWith;
            var id = ++nextId;
            pending[id] = tcs;
            return (id, tcs.Task);
        }
    }

    public bool TryCancel(long id, CancellationToken token) =>
        pending.TryRemove(id, out var tcs) && tcs.TrySetCanceled(token);

    /// <summary>Hands a response (the whole message, cloned) to its waiter; false when nobody waits for that id.</summary>
    public bool TryComplete(JsonElement id, JsonElement message)
    {
        if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var key)) return false;
        if (!pending.TryRemove(key, out var tcs)) return false;
        return tcs.TrySetResult(message.Clone());
    }

    public void FailAll(Exception reason)
    {
        lock (gate) closedWith ??= reason;
        foreach (var key in pending.Keys)
            if (pending.TryRemove(key, out var tcs))
                tcs.TrySetException(new RpcConnectionLostException(reason.Message));
    }
}
