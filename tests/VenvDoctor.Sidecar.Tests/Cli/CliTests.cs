using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>The command line of the real executable: help, version, usage errors.</summary>
public class CliTests
{
    [Fact(Timeout = 30_000)]
    public async Task Help_lists_the_verbs_on_stdout_and_exits_0()
    {
        var r = await SidecarProcess.RunCliAsync(["--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("serve", r.StdOut);
        Assert.Contains("Usage:", r.StdOut);
    }

    [Fact(Timeout = 30_000)]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var r = await SidecarProcess.RunCliAsync(["--version"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+\s*$", r.StdOut);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_verb_prints_usage_to_stderr_and_exits_2()
    {
        var r = await SidecarProcess.RunCliAsync(["frobnicate"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("frobnicate", r.StdErr);
        Assert.Contains("Usage:", r.StdErr);
        Assert.Equal("", r.StdOut);
    }

    [Fact(Timeout = 30_000)]
    public async Task No_verb_is_a_usage_error()
    {
        var r = await SidecarProcess.RunCliAsync([]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Usage:", r.StdErr);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_bad_option_of_serve_is_a_usage_error_with_serve_usage()
    {
        var r = await SidecarProcess.RunCliAsync(["serve", "--max-message-bytes", "lots"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("serve", r.StdErr);
        Assert.Contains("--max-message-bytes", r.StdErr);
        Assert.Equal("", r.StdOut);
    }

    [Fact(Timeout = 30_000)]
    public async Task Serve_help_describes_its_options()
    {
        var r = await SidecarProcess.RunCliAsync(["serve", "--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--max-message-bytes", r.StdOut);
        Assert.Contains("--log-level", r.StdOut);
    }

    [Fact(Timeout = 30_000)]
    public async Task Serve_accepts_the_arguments_language_clients_append()
    {
        await using var sidecar = await SidecarProcess.StartAsync(["--stdio", "--clientProcessId", "1"]);
        await sidecar.InitializeAsync();
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Serve_writes_only_frames_on_stdout_when_fed_through_a_pipe()
    {
        // A scripted client: all frames at once, then end of input. The answers come back whole, logs stay on stderr.
        static string Frame(string body) => $"Content-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
        var input = Frame("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}""")
            + Frame("""{"jsonrpc":"2.0","method":"initialized","params":{}}""")
            + Frame("""{"jsonrpc":"2.0","id":2,"method":"shutdown"}""")
            + Frame("""{"jsonrpc":"2.0","method":"exit"}""");
        var r = await SidecarProcess.RunCliAsync(["serve", "--log-level", "Debug"], stdinText: input);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Content-Length: ", r.StdOut);
        Assert.Contains("\"serverInfo\"", r.StdOut);
        Assert.DoesNotContain("dbug", r.StdOut);
        Assert.Contains("dbug", r.StdErr);
    }
}
