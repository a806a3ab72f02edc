using System.Text;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// distlib's Windows console-script launchers: <c>[launcher .exe][#!"C:\...\python.exe"\r\n][zip]</c>. The launcher
/// finds the shebang by reading back from the zip's start (located by the zip's end record), and zip readers allow
/// data before the archive, so replacing the shebang line and keeping both parts intact is a valid launcher.
/// Anything that does not look exactly like that is left alone (null).
/// </summary>
public static class WindowsLauncher
{
    public static byte[]? Rewrite(string file, string newInterpreter)
    {
        var bytes = TextFile.ReadBytes(file);
        if (bytes.Length < 64 || bytes[0] != (byte)'M' || bytes[1] != (byte)'Z') return null;
        var eocd = -1;
        for (var i = bytes.Length - 22; i >= Math.Max(0, bytes.Length - 66 * 1024); i--)
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x05 && bytes[i + 3] == 0x06) { eocd = i; break; }
        if (eocd < 0) return null;
        var cdSize = BitConverter.ToUInt32(bytes, eocd + 12);
        var cdOffset = BitConverter.ToUInt32(bytes, eocd + 16);
        var zipStart = eocd - cdSize - cdOffset;
        if (zipStart <= 2 || zipStart > eocd) return null;
        var hash = -1;
        for (var i = (int)zipStart - 2; i >= Math.Max(0, (int)zipStart - 4096); i--)
            if (bytes[i] == (byte)'#' && bytes[i + 1] == (byte)'!') { hash = i; break; }
        if (hash < 0) return null;
        var quoted = newInterpreter.Contains(' ') ? $"\"{newInterpreter}\"" : newInterpreter;
        var line = Encoding.UTF8.GetBytes($"#!{quoted}\r\n");
        var result = new byte[hash + line.Length + (bytes.Length - (int)zipStart)];
        Buffer.BlockCopy(bytes, 0, result, 0, hash);
        Buffer.BlockCopy(line, 0, result, hash, line.Length);
        Buffer.BlockCopy(bytes, (int)zipStart, result, hash + line.Length, bytes.Length - (int)zipStart);
        return result;
    }
}
