using System.Text;
using VenvDoctor.Tests.Shared;
using VenvDoctor.JsonRpc.Tests.Support;

namespace VenvDoctor.JsonRpc.Tests;

/// <summary>
/// Seeded random frames against the in-process server: flipped bytes, wrong and huge lengths, truncation, garbage
/// headers, duplicated chunks, and cancels interleaved with running requests. It must never stop serving.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Seeds =
    [
        """{"jsonrpc":"2.0","id":1,"method":"test/echo","params":{"a":[1,2,{"b":"é"}]}}""",
        """{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}""",
        """{"jsonrpc":"2.0","id":"x","method":"test/sleep","params":{"ms":5}}""",
        """[{"jsonrpc":"2.0","id":"x","method":"test/echo","params":{}}]""",
        """{"jsonrpc":"2.0","id":2,"result":{"ok":true}}""",
        """{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}""",
    ];

    [Theory(Timeout = 120_000)]
    [InlineData(20261121, 3000)]
    [InlineData(7, 3000)]
    public async Task Thousands_of_mutated_frames_never_stop_the_server(int seed, int count)
    {
        var random = new Random(seed);
        await using var rpc = RawClient.Start(maxMessageBytes: 1 << 20);
        await rpc.InitializeAsync();
        for (var i = 0; i < count; i++)
        {
            await rpc.SendRawAsync(FrameMutator.Mutate(random, Seeds));
            if (i % 97 == 0)
            {
                // A real request and a cancel for it, interleaved with the noise.
                var id = 100_000 + i;
                await rpc.SendFrameAsync($$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"test/sleep","params":{"ms":1000}}""");
                await rpc.SendFrameAsync($$$"""{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":{{{id}}}}}""");
            }
            Assert.False(rpc.Server.Completion.IsCompleted, $"the connection ended after {i} frames: {rpc.Server.CloseReason}: {rpc.Server.DisconnectDescription}");
        }
        // A length mutated upwards may still be waiting for bytes: fill it, then expect a clean answer.
        await rpc.SendRawAsync(Encoding.ASCII.GetBytes("\r\n\r\n" + new string(' ', 70_000)));
        Assert.True(await AnswersAsync(rpc), "no answer after fuzzing");
    }

    private static async Task<bool> AnswersAsync(RawClient rpc)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var id = await rpc.SendRequestAsync("test/echo", """{"text":"alive"}""");
            var answer = rpc.AnswerToAsync(id);
            if (await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(2))) == answer) return true;
        }
        return false;
    }
}
