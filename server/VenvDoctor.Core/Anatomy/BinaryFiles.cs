namespace VenvDoctor.Core.Anatomy;

/// <summary>What the first bytes of a file say it is.</summary>
public enum BinaryKind { Text, Elf, WindowsExecutable, MachO, Pyc, OtherBinary }

/// <summary>Tells binaries (never parsed as text) from text by their first bytes.</summary>
public static class BinaryFiles
{
    public static BinaryKind Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 4 && head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F') return BinaryKind.Elf;
        if (head.Length >= 2 && head[0] == (byte)'M' && head[1] == (byte)'Z') return BinaryKind.WindowsExecutable;
        if (head.Length >= 4 && (head[0] is 0xFE or 0xCF or 0xCE or 0xCA) && head[1] is 0xED or 0xFA or 0xBA) return BinaryKind.MachO;
        // .pyc: a 2-byte magic number (second byte 0x0D in every 3.x) followed by \r\n.
        if (head.Length >= 4 && head[1] == 0x0D && head[2] == (byte)'\r' && head[3] == (byte)'\n') return BinaryKind.Pyc;
        var n = Math.Min(head.Length, 1024);
        for (var i = 0; i < n; i++)
            if (head[i] == 0) return BinaryKind.OtherBinary;
        return BinaryKind.Text;
    }
}
