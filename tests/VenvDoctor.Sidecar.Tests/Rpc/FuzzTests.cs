using System.Text;
using VenvDoctor.Tests.Shared;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Rpc;

/// <summary>
/// Randomly mutated frames against the running process (seeded, bounded in count and time): it must not crash,
/// and must still answer a valid request afterwards. The seeds use transport-level methods only: product methods
/// (a scan per fuzzed venv/list) would measure the machine's speed, not the transport's robustness.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Seeds =
    [
        """{"jsonrpc":"2.0","id":1,"method":"$/test/echo","params":{"a":[1,2,{"b":"é"}]}}""",
        """{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}""",
        """[{"jsonrpc":"2.0","id":"x","method":"$/test/echo","params":{}},{"jsonrpc":"2.0","method":"no/such"}]""",
        """{"jsonrpc":"2.0","id":2,"result":{"ok":true}}""",
        """{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}""",
    ];

    [Theory(Timeout = 240_000)]
    [InlineData(20261121, 3000)]
    [InlineData(7, 3000)]
    public async Task Thousands_of_mutated_frames_never_crash_the_server(int seed, int count)
    {
        var random = new Random(seed);
        await using var sidecar = await SidecarProcess.StartAsync(["--log-level", "Error"], testMethods: true);
        await sidecar.InitializeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);

        for (var i = 0; i < count && DateTime.UtcNow < deadline; i++)
        {
            try { await sidecar.SendRawAsync(FrameMutator.Mutate(random, Seeds)); }
            catch (IOException) { Assert.Fail($"the server went away after {i} frames. stderr:\n{sidecar.StdErr}"); }
            if (i % 500 == 499)
            {
                // Re-synchronise (a mutated length may have swallowed bytes) and check it still answers.
                await sidecar.SendRawAsync(Encoding.ASCII.GetBytes(new string(' ', 64)));
                Assert.False(sidecar.HasExited, $"exited after {i} frames. stderr:\n{sidecar.StdErr}");
            }
        }
        // A length mutated upwards may still be waiting for bytes: give it enough filler to complete, then a clean frame.
        await sidecar.SendRawAsync(Encoding.ASCII.GetBytes("\r\n\r\n" + new string(' ', 70_000)));
        var answered = await AnswersWithinAsync(sidecar);
        Assert.True(answered, $"no answer after fuzzing. stderr:\n{sidecar.StdErr}");
        Assert.False(sidecar.HasExited);
    }

    private static async Task<bool> AnswersWithinAsync(SidecarProcess sidecar)
    {
        // The filler may itself have been taken as a body; retry with a fresh frame. The server may still be
        // answering thousands of fuzzed frames on a loaded machine, so the bound is generous (a failure bound only).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var (reply, _) = sidecar.BeginRequest("$/test/echo", new { text = "alive" });
            var done = await Task.WhenAny(reply, Task.Delay(TimeSpan.FromSeconds(5)));
            if (done == reply && (await reply).Result.ValueKind == System.Text.Json.JsonValueKind.Object) return true;
        }
        return false;
    }
}
