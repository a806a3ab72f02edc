using System.Text;

namespace VenvDoctor.Tests.Shared;

/// <summary>
/// Random damage to LSP frames, for the fuzz tests of the in-process layer and of the real process (linked into both
/// test projects): flipped bytes, wrong, negative and non-numeric lengths, truncation, garbage header lines, no header,
/// duplicated chunks, and valid frames in between.
/// </summary>
public static class FrameMutator
{
    public static byte[] Mutate(Random random, string[] seeds)
    {
        var body = Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Length)]);
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        byte[] frame = [.. header, .. body];
        switch (random.Next(9))
        {
            case 0: // flip bytes anywhere
                for (var k = random.Next(1, 6); k > 0; k--) frame[random.Next(frame.Length)] = (byte)random.Next(256);
                return frame;
            case 1: // flip bytes in the body only (the frame stays well-formed)
                for (var k = random.Next(1, 6); k > 0; k--) body[random.Next(body.Length)] = (byte)random.Next(256);
                return [.. header, .. body];
            case 2: // wrong length (shorter or a little longer)
                var length = Math.Max(0, body.Length + random.Next(-body.Length, 40));
                return [.. Encoding.ASCII.GetBytes($"Content-Length: {length}\r\n\r\n"), .. body];
            case 3: // truncated
                return frame[..random.Next(frame.Length)];
            case 4: // garbage header lines
                return [.. Encoding.ASCII.GetBytes($"X{random.Next()}\r\nContent-Type: ?\r\n\r\n"), .. body];
            case 5: // drop the header
                return body;
            case 6: // duplicated chunks
                var at = random.Next(frame.Length);
                return [.. frame[..at], .. frame[..at], .. frame[at..]];
            case 7: // a negative or non-numeric length
                return [.. Encoding.ASCII.GetBytes(random.Next(2) == 0 ? "Content-Length: -5\r\n\r\n" : "Content-Length: 1e3\r\n\r\n"), .. body];
            default: // valid
                return frame;
        }
    }
}
