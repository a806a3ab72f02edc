using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VenvDoctor.Sidecar.Protocol;

namespace VenvDoctor.Sidecar.Tests.Support;

/// <summary>
/// A test client for the real <c>venv-sidecar serve</c> process: framed JSON-RPC over its stdin/stdout, written
/// independently of the server's own transport so tests do not check our code against itself.
/// <code>
/// await using var sidecar = await SidecarProcess.StartAsync();
/// await sidecar.InitializeAsync([workspace]);
/// var list = await sidecar.RequestAsync(Methods.List, new { scope = "workspace" });
/// var found = await sidecar.WaitForNotificationAsync(ServerNotifications.Found.Method, p => p.GetProperty("environment")...);
/// Assert.Equal(0, await sidecar.ShutdownAsync());
/// </code>
/// Params are any object (serialized camelCase), a JsonNode or a JsonElement. Every wait has a timeout.
/// </summary>
public sealed class SidecarProcess : IAsyncDisposable
{
    // A failure bound, not an expected duration: generous, because CI shares two cores between test assemblies.
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions ParamsOptions = new(JsonSerializerDefaults.Web);

    private readonly Process process;
    private readonly Stream stdin;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RpcReply>> pending = new();
    private readonly List<JsonElement> inbox = [];
    private readonly List<(Func<JsonElement, bool> Match, TaskCompletionSource<JsonElement> Waiter)> waiters = [];
    private readonly StringBuilder stderr = new();
    private readonly Task readLoop;
    private readonly ResourceMonitor? monitor;
    private long nextId;

    private SidecarProcess(Process process, ResourceBound? bound)
    {
        this.process = process;
        monitor = bound is null ? null : new ResourceMonitor(process, bound);
        stdin = process.StandardInput.BaseStream;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        readLoop = Task.Run(ReadLoopAsync);
    }

    public int ProcessId => process.Id;

    /// <summary>The process's use against its bound, when started with one (checked again when disposed).</summary>
    public ResourceMonitor? Resources => monitor;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the server wrote on stderr so far (its logs).</summary>
    public string StdErr { get { lock (stderr) return stderr.ToString(); } }

    /// <summary>
    /// Answers the server's requests to the client (<c>workspace/configuration</c>, ...). Return the result
    /// (any object, null for JSON null), or throw <see cref="SidecarRpcException"/> to answer an error.
    /// Unset: every server request is answered with a null result. Each request is also put in the inbox.
    /// </summary>
    public Func<string, JsonElement, object?>? OnServerRequest { get; set; }

    /// <summary>
    /// Starts <c>serve</c>: by default the test host (the product plus the <c>$/test/*</c> methods); with
    /// <paramref name="testMethods"/> false, the shipped <c>venv-sidecar</c> itself. With a <paramref name="bound"/>,
    /// the process is killed the moment it passes it, and disposing fails the test that started it.
    /// </summary>
    public static Task<SidecarProcess> StartAsync(IEnumerable<string>? extraArgs = null, IDictionary<string, string?>? environment = null, bool testMethods = true,
        ResourceBound? bound = null)
    {
        var info = StartInfo(["serve", .. extraArgs ?? []], testHost: testMethods);
        info.RedirectStandardInput = true;
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException("venv-sidecar did not start");
        return Task.FromResult(new SidecarProcess(process, bound));
    }

    /// <summary>
    /// How to start the built sidecar (or, with <paramref name="testHost"/>, the test host around it): its apphost
    /// next to the tests, else <c>dotnet NAME.dll</c>.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, bool testHost = false)
    {
        var dir = AppContext.BaseDirectory;
        var name = testHost ? "venv-sidecar-testhost" : "venv-sidecar";
        var apphost = Path.Combine(dir, name);
        var dll = Path.Combine(dir, name + ".dll");
        ProcessStartInfo info;
        if (File.Exists(apphost)) info = new ProcessStartInfo(apphost);
        else if (File.Exists(dll)) { info = new ProcessStartInfo("dotnet"); info.ArgumentList.Add(dll); }
        else throw new FileNotFoundException($"{name} is not built next to the tests ({dir}); build the solution first.");
        foreach (var a in args) info.ArgumentList.Add(a);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return info;
    }

    /// <summary>
    /// Runs a CLI verb to completion: exit code, stdout, stderr. With a <paramref name="bound"/>, the verb is
    /// measured from outside and the call fails (the process killed) when it passes the bound.
    /// </summary>
    public static async Task<CliResult> RunCliAsync(IEnumerable<string> args, TimeSpan? timeout = null, string? stdinText = null, IDictionary<string, string?>? environment = null,
        ResourceBound? bound = null)
    {
        var info = StartInfo(args);
        info.RedirectStandardInput = true;
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        using var monitor = bound is null ? null : new ResourceMonitor(process, bound);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderrText = process.StandardError.ReadToEndAsync();
        if (stdinText is not null) await process.StandardInput.WriteAsync(stdinText);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"venv-sidecar {string.Join(' ', args)} did not exit within {timeout ?? DefaultTimeout}");
        }
        monitor?.AssertWithinBound();
        return new CliResult(process.ExitCode, await stdout, await stderrText) { Resources = monitor?.ToString() };
    }

    /// <summary><c>initialize</c> (roots as workspaceFolders) then <c>initialized</c>; returns initialize's result.</summary>
    public async Task<JsonElement> InitializeAsync(IEnumerable<string>? workspaceRoots = null, object? initializationOptions = null, string trace = "off", TimeSpan? timeout = null)
    {
        var folders = new JsonArray();
        foreach (var root in workspaceRoots ?? [])
            folders.Add(new JsonObject { ["uri"] = new Uri(Path.GetFullPath(root)).AbsoluteUri, ["name"] = Path.GetFileName(root) });
        var result = await RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["clientInfo"] = new JsonObject { ["name"] = "sidecar-tests" },
            ["capabilities"] = new JsonObject(),
            ["trace"] = trace,
            ["workspaceFolders"] = folders,
            ["initializationOptions"] = ToNode(initializationOptions),
        }, timeout);
        await NotifyAsync("initialized", new JsonObject());
        return result;
    }

    /// <summary><c>shutdown</c>, <c>exit</c>, then waits for the process: its exit code (0 expected).</summary>
    public async Task<int> ShutdownAsync(TimeSpan? timeout = null)
    {
        await RequestAsync("shutdown", null, timeout);
        await NotifyAsync("exit");
        return await WaitForExitAsync(timeout);
    }

    /// <summary>Sends a request and returns its result; an error response throws <see cref="SidecarRpcException"/>.</summary>
    public async Task<JsonElement> RequestAsync(string method, object? @params = null, TimeSpan? timeout = null)
    {
        var reply = await SendRequestAsync(method, @params, timeout);
        return reply.Error is { } e ? throw new SidecarRpcException(method, e) : reply.Result;
    }

    /// <summary>Sends a request and returns the whole reply (result or error), for tests that expect an error.</summary>
    public Task<RpcReply> SendRequestAsync(string method, object? @params = null, TimeSpan? timeout = null) =>
        SendRequestAsync(JsonValue.Create(Interlocked.Increment(ref nextId)), method, @params, timeout);

    /// <summary>Sends a request with a chosen id (number or string).</summary>
    public async Task<RpcReply> SendRequestAsync(JsonNode id, string method, object? @params = null, TimeSpan? timeout = null)
    {
        var (reply, _) = StartRequest(id, method, @params);
        return await WithTimeout(reply, timeout, $"response to '{method}'");
    }

    /// <summary>Sends a request without waiting; returns the id (for <c>$/cancelRequest</c>) and the pending reply.</summary>
    public (Task<RpcReply> Reply, long Id) BeginRequest(string method, object? @params = null)
    {
        var id = Interlocked.Increment(ref nextId);
        var (reply, _) = StartRequest(JsonValue.Create(id), method, @params);
        return (WithTimeout(reply, null, $"response to '{method}'"), id);
    }

    public Task CancelRequestAsync(long id) => NotifyAsync("$/cancelRequest", new JsonObject { ["id"] = id });

    public Task NotifyAsync(string method, object? @params = null)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (@params is not null) message["params"] = ToNode(@params);
        return SendFrameAsync(message.ToJsonString());
    }

    /// <summary>Sends one well-framed body (any text, valid JSON or not).</summary>
    public Task SendFrameAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        byte[] frame = [.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"), .. bytes];
        return SendRawAsync(frame);
    }

    /// <summary>Sends bytes as they are: for malformed frames.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await writeLock.WaitAsync();
        try
        {
            await stdin.WriteAsync(bytes);
            await stdin.FlushAsync();
        }
        finally { writeLock.Release(); }
    }

    /// <summary>Waits for (and takes from the inbox) the first notification of <paramref name="method"/> matching; returns its params.</summary>
    public async Task<JsonElement> WaitForNotificationAsync(string method, Func<JsonElement, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var message = await WaitForMessageAsync(m =>
            !m.TryGetProperty("id", out _) && m.TryGetProperty("method", out var name) && name.GetString() == method
            && (predicate is null || predicate(m.TryGetProperty("params", out var p) ? p : default)), timeout, $"notification '{method}'");
        return message.TryGetProperty("params", out var result) ? result : default;
    }

    /// <summary>Waits for (and takes) the first message from the server matching <paramref name="predicate"/>: notifications, server requests and id-less error responses land here.</summary>
    public Task<JsonElement> WaitForMessageAsync(Func<JsonElement, bool> predicate, TimeSpan? timeout = null, string? what = null)
    {
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (inbox)
        {
            var index = inbox.FindIndex(m => predicate(m));
            if (index >= 0)
            {
                var found = inbox[index];
                inbox.RemoveAt(index);
                return Task.FromResult(found);
            }
            waiters.Add((predicate, tcs));
        }
        return WithTimeout(tcs.Task, timeout, what ?? "a matching message");
    }

    /// <summary>What is in the inbox now (not taken).</summary>
    public IReadOnlyList<JsonElement> Inbox { get { lock (inbox) return inbox.ToList(); } }

    /// <summary>Closes the server's stdin (end of input).</summary>
    public void CloseInput() => stdin.Close();

    /// <summary>Sends a POSIX signal (e.g. 15 = SIGTERM) to the server.</summary>
    public void Signal(int signal)
    {
        if (Kill(process.Id, signal) != 0) throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: {Marshal.GetLastPInvokeError()}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"venv-sidecar did not exit within {timeout ?? DefaultTimeout}. stderr:\n{StdErr}"); }
        await readLoop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        monitor?.Sample(); // its peak dies with it
        if (!process.HasExited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        }
        process.Dispose();
        if (monitor is null) return;
        monitor.Dispose();
        monitor.AssertWithinBound();
    }

    private (Task<RpcReply>, string) StartRequest(JsonNode id, string method, object? @params)
    {
        var key = id.ToJsonString();
        var tcs = new TaskCompletionSource<RpcReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[key] = tcs;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (@params is not null) message["params"] = ToNode(@params);
        var send = SendFrameAsync(message.ToJsonString());
        return (send.ContinueWith(t => t.IsFaulted ? Task.FromException<RpcReply>(t.Exception!.InnerException!) : tcs.Task).Unwrap(), key);
    }

    private async Task<T> WithTimeout<T>(Task<T> task, TimeSpan? timeout, string what)
    {
        try { return await task.WaitAsync(timeout ?? DefaultTimeout); }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {what} within {timeout ?? DefaultTimeout} (exited: {process.HasExited}). stderr:\n{StdErr}");
        }
    }

    private async Task ReadLoopAsync()
    {
        var stdout = process.StandardOutput.BaseStream;
        try
        {
            while (await ReadFrameAsync(stdout) is { } body)
            {
                var message = JsonDocument.Parse(body).RootElement.Clone();
                if (message.ValueKind == JsonValueKind.Array)
                {
                    Deliver(message); // a batch answer: tests look at it whole
                    continue;
                }
                var hasId = message.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null;
                if (message.TryGetProperty("method", out var method))
                {
                    if (hasId) _ = AnswerServerRequestAsync(id, method.GetString()!, message);
                    Deliver(message);
                }
                else if (hasId && pending.TryRemove(id.GetRawText(), out var tcs))
                {
                    tcs.TrySetResult(new RpcReply(
                        message.TryGetProperty("result", out var r) ? r : default,
                        message.TryGetProperty("error", out var e) ? RpcError.From(e) : null));
                }
                else Deliver(message);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException) { }
        finally
        {
            foreach (var waiter in pending.Values)
                waiter.TrySetException(new IOException($"venv-sidecar closed its output. stderr:\n{StdErr}"));
        }
    }

    private async Task AnswerServerRequestAsync(JsonElement id, string method, JsonElement message)
    {
        var reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()) };
        try
        {
            var result = OnServerRequest?.Invoke(method, message.TryGetProperty("params", out var p) ? p : default);
            reply["result"] = ToNode(result);
        }
        catch (SidecarRpcException ex)
        {
            reply["error"] = new JsonObject { ["code"] = ex.Code, ["message"] = ex.Error.Message };
        }
        await SendFrameAsync(reply.ToJsonString());
    }

    private void Deliver(JsonElement message)
    {
        lock (inbox)
        {
            var index = waiters.FindIndex(w => w.Match(message));
            if (index >= 0)
            {
                var waiter = waiters[index].Waiter;
                waiters.RemoveAt(index);
                waiter.TrySetResult(message);
                return;
            }
            inbox.Add(message);
        }
    }

    /// <summary>Reads one LSP frame; null at end of output.</summary>
    private static async Task<byte[]?> ReadFrameAsync(Stream stream)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) return null;
            header.Append((char)one[0]);
        }
        var lengthLine = header.ToString().Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var body = new byte[int.Parse(lengthLine["Content-Length:".Length..].Trim())];
        await stream.ReadExactlyAsync(body);
        return body;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), ParamsOptions),
    };

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>A response: <see cref="Result"/> when it succeeded, else <see cref="Error"/>.</summary>
public sealed record RpcReply(JsonElement Result, RpcError? Error);

public sealed record RpcError(int Code, string Message, JsonElement? Data)
{
    public static RpcError From(JsonElement e) => new(
        e.GetProperty("code").GetInt32(), e.GetProperty("message").GetString() ?? "",
        e.TryGetProperty("data", out var d) ? d.Clone() : null);
}

public sealed class SidecarRpcException(string method, RpcError error) : Exception($"'{method}' failed ({error.Code}): {error.Message}")
{
    public SidecarRpcException(int code, string message) : this("", new RpcError(code, message, null)) { }

    public int Code => error.Code;
    public RpcError Error => error;
}

public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Peak memory and wall time, when it ran under a <see cref="ResourceBound"/>.</summary>
    public string? Resources { get; init; }
}
