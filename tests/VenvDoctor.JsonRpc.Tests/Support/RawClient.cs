using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace VenvDoctor.JsonRpc.Tests.Support;

/// <summary>
/// A server on one end of an in-process <see cref="FullDuplexStream"/> pair and a raw client on the other: frames
/// are written byte for byte (so malformed ones can be), and read back by a parser written here, independent of
/// the server's. Every wait has a timeout.
/// </summary>
public sealed class RawClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly Stream client;
    private readonly Channel<JsonElement> inbox = Channel.CreateUnbounded<JsonElement>();
    private readonly Task reading;
    private int nextId;

    private RawClient(Stream client, RpcServerConnection server, ServerLifecycle lifecycle)
    {
        this.client = client;
        Server = server;
        Lifecycle = lifecycle;
        reading = Task.Run(ReadLoopAsync);
    }

    public RpcServerConnection Server { get; }
    public ServerLifecycle Lifecycle { get; }

    /// <summary>Completes when the server closed its end.</summary>
    public Task Closed => reading;

    public static RawClient Start(long maxMessageBytes = 4096)
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        var lifecycle = new ServerLifecycle();
        var server = new RpcServerConnection(serverStream, serverStream, WireJson.Combine(TestJsonContext.Default),
            new RpcConnectionOptions { MaxMessageBytes = maxMessageBytes, Lifecycle = lifecycle, DrainTimeout = TimeSpan.FromSeconds(2) });
        server.AddTarget(RpcTargetMetadata.FromShape<ITestMethods>(), new TestMethods(lifecycle, new RequestQueue()));
        server.StartListening();
        return new RawClient(clientStream, server, lifecycle);
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await client.WriteAsync(bytes);
        await client.FlushAsync();
    }

    public Task SendFrameAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"), .. bytes]);
    }

    /// <summary>Sends a request and returns its id.</summary>
    public async Task<int> SendRequestAsync(string method, string paramsJson = "{}")
    {
        var id = Interlocked.Increment(ref nextId);
        await SendFrameAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{paramsJson}}}""");
        return id;
    }

    public Task NotifyAsync(string method, string paramsJson = "{}") =>
        SendFrameAsync($$"""{"jsonrpc":"2.0","method":"{{method}}","params":{{paramsJson}}}""");

    public async Task<JsonElement> RequestAsync(string method, string paramsJson = "{}") =>
        await AnswerToAsync(await SendRequestAsync(method, paramsJson));

    public async Task InitializeAsync() => await RequestAsync("initialize");

    public Task<JsonElement> AnswerToAsync(int id) =>
        NextAsync(m => m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt32() == id);

    /// <summary>The next message matching; messages before it that do not match are dropped.</summary>
    public async Task<JsonElement> NextAsync(Func<JsonElement, bool> match)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            var message = await inbox.Reader.ReadAsync(cts.Token);
            if (match(message)) return message;
        }
    }

    public static int? ErrorCode(JsonElement message) =>
        message.TryGetProperty("error", out var e) ? e.GetProperty("code").GetInt32() : null;

    private async Task ReadLoopAsync()
    {
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        while (true)
        {
            var n = await client.ReadAsync(chunk);
            if (n == 0) { inbox.Writer.TryComplete(); return; }
            buffer.AddRange(chunk.AsSpan(0, n));
            while (TryTakeFrame(buffer, out var body)) inbox.Writer.TryWrite(JsonDocument.Parse(body).RootElement.Clone());
        }
    }

    private static bool TryTakeFrame(List<byte> buffer, out byte[] body)
    {
        body = [];
        var text = Encoding.ASCII.GetString(buffer.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var header = text[..end].Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = int.Parse(header["Content-Length:".Length..].Trim());
        if (buffer.Count < end + 4 + length) return false;
        body = buffer.GetRange(end + 4, length).ToArray();
        buffer.RemoveRange(0, end + 4 + length);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        Server.Dispose();
        await client.DisposeAsync();
    }
}
