using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VenvDoctor.JsonRpc.Tests.Support;

/// <summary>
/// A connection served over in-memory pipes, with a raw client end: tests write exact bytes and read frames back.
/// Every read has a timeout, so a missing answer fails the test instead of hanging it.
/// </summary>
public sealed class PipeHarness : IAsyncDisposable
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private readonly Pipe toServer = new();
    private readonly Pipe toClient = new();

    public PipeHarness(RpcMethodTable methods, RpcConnectionOptions? options = null)
    {
        Connection = new RpcConnection(toServer.Reader, toClient.Writer, methods, options);
        Running = Connection.RunAsync();
    }

    public RpcConnection Connection { get; }

    /// <summary>The connection's RunAsync task: completes when it stops reading and has flushed.</summary>
    public Task Running { get; }

    public async Task SendRawAsync(byte[] bytes)
    {
        await toServer.Writer.WriteAsync(bytes);
    }

    public Task SendRawAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text));

    public static byte[] Frame(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"), .. bytes];
    }

    public Task SendAsync(string json) => SendRawAsync(Frame(json));

    public Task SendAsync(JsonNode message) => SendAsync(message.ToJsonString());

    public static JsonObject Request(JsonNode? id, string method, JsonNode? @params = null)
    {
        var m = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (@params is not null) m["params"] = @params;
        return m;
    }

    public static JsonObject Notification(string method, JsonNode? @params = null)
    {
        var m = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (@params is not null) m["params"] = @params;
        return m;
    }

    /// <summary>Ends the client's output (EOF for the server).</summary>
    public Task CloseInputAsync() => toServer.Writer.CompleteAsync().AsTask();

    /// <summary>Reads the next frame the server wrote, parsed; fails after <see cref="WaitLimit"/>.</summary>
    public async Task<JsonElement> ReadAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? WaitLimit);
        var reader = toClient.Reader;
        while (true)
        {
            var result = await reader.ReadAsync(cts.Token);
            var buffer = result.Buffer;
            if (TryReadFrame(ref buffer, out var body))
            {
                reader.AdvanceTo(buffer.Start);
                return JsonDocument.Parse(body).RootElement.Clone();
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted) throw new EndOfStreamException("The server closed its output.");
        }
    }

    /// <summary>True when the server closed its output with nothing more in it.</summary>
    public async Task<bool> OutputEndsAsync()
    {
        using var cts = new CancellationTokenSource(WaitLimit);
        var result = await toClient.Reader.ReadAsync(cts.Token);
        var ended = result.IsCompleted && result.Buffer.IsEmpty;
        toClient.Reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        return ended;
    }

    /// <summary>The response to a request sent with id <paramref name="id"/>: skips notifications, fails on others.</summary>
    public async Task<JsonElement> ReadResponseAsync()
    {
        while (true)
        {
            var m = await ReadAsync();
            if (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("method", out _) && !m.TryGetProperty("id", out _)) continue;
            return m;
        }
    }

    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out byte[] body)
    {
        body = [];
        var text = Encoding.ASCII.GetString(buffer.Slice(0, Math.Min(buffer.Length, 200)).ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var length = int.Parse(text[..end].Split("\r\n").Single(l => l.StartsWith("Content-Length:"))["Content-Length:".Length..].Trim());
        if (buffer.Length < end + 4 + length) return false;
        body = buffer.Slice(end + 4, length).ToArray();
        buffer = buffer.Slice(end + 4 + length);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await toServer.Writer.CompleteAsync();
        await Running.WaitAsync(WaitLimit);
    }
}

/// <summary>Handy assertions on JSON-RPC messages.</summary>
public static class Rpc
{
    public static int ErrorCode(this JsonElement response) => response.GetProperty("error").GetProperty("code").GetInt32();

    public static JsonElement Result(this JsonElement response) =>
        response.TryGetProperty("result", out var r) ? r : throw new Xunit.Sdk.XunitException($"Expected a result, got {response}");

    public static bool HasNullId(this JsonElement response) => response.GetProperty("id").ValueKind == JsonValueKind.Null;
}
