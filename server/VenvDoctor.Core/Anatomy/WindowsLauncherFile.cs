using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace VenvDoctor.Core.Anatomy;

/// <summary>Where a launcher's parts are: the zip starts at <see cref="ZipStart"/>; the interpreter token (quotes included) is <see cref="TokenStart"/>..+<see cref="TokenLength"/> bytes.</summary>
public sealed record LauncherLayout(long ZipStart, long TokenStart, int TokenLength, string Interpreter);

/// <summary>
/// The one reader and writer of distlib's Windows console-script launchers (<c>t64.exe</c>, <c>w64.exe</c>,
/// <c>t64-arm.exe</c>…, as pip writes <c>Scripts\pip.exe</c>): <c>[launcher stub][#!C:\…\python.exe\n\r\n][zip]</c>.
/// The launcher finds its shebang by reading back from the zip's start, which the zip's end-of-central-directory
/// record gives (its size and offset fields); so does this. Only the file's last 66 KiB (the end record and a
/// comment of at most 64 KiB) and the 4 KiB before the zip are read. A rewrite changes the interpreter token only:
/// the stub, the line's end and the zip stay byte-identical, and zip readers still find the archive (its offsets
/// are relative to where it starts). Anything that does not look exactly like that is left alone.
/// </summary>
public static class WindowsLauncherFile
{
    private const int EndRecordSize = 22;
    private const int TailBytes = 64 * 1024 + EndRecordSize + 2 * 1024;
    private const int ShebangWindow = 4096;

    /// <summary>The layout of an open launcher of <paramref name="length"/> bytes, or null with <paramref name="problem"/> saying why.</summary>
    public static LauncherLayout? Read(SafeFileHandle handle, long length, out string? problem)
    {
        var tail = new byte[(int)Math.Min(length, TailBytes)];
        RandomAccess.Read(handle, tail, length - tail.Length);
        if (ZipStart(tail, length - tail.Length, length, out problem) is not { } zipStart) return null;
        var window = new byte[(int)Math.Min(zipStart, ShebangWindow)];
        RandomAccess.Read(handle, window, zipStart - window.Length);
        return Shebang(window, zipStart - window.Length, zipStart, out problem);
    }

    /// <summary>The layout of a launcher held in memory, or null with <paramref name="problem"/>.</summary>
    public static LauncherLayout? Read(ReadOnlySpan<byte> bytes, out string? problem)
    {
        if (bytes.Length < 64 || bytes[0] != (byte)'M' || bytes[1] != (byte)'Z') { problem = "not a Windows executable"; return null; }
        var tailStart = Math.Max(0, bytes.Length - TailBytes);
        if (ZipStart(bytes[tailStart..], tailStart, bytes.Length, out problem) is not { } zipStart) return null;
        var windowStart = (int)Math.Max(0, zipStart - ShebangWindow);
        return Shebang(bytes[windowStart..(int)zipStart], windowStart, zipStart, out problem);
    }

    /// <summary>
    /// The launcher with its interpreter token replaced by <paramref name="newInterpreter"/> (in the
    /// <c>windows-shebang</c> format); null with <paramref name="problem"/> when it is not a launcher, or no longer
    /// records <paramref name="expected"/>.
    /// </summary>
    public static byte[]? Rewrite(byte[] bytes, string expected, string newInterpreter, out string? problem)
    {
        if (Read(bytes, out problem) is not { } layout) return null;
        if (layout.Interpreter != expected) { problem = $"it records {layout.Interpreter} now, not {expected} (changed since it was read)"; return null; }
        var token = Encoding.UTF8.GetBytes(RecordedPathFormats.Encode(RecordedPathFormats.WindowsShebang, newInterpreter));
        var start = (int)layout.TokenStart;
        var rest = start + layout.TokenLength;
        var result = new byte[bytes.Length - layout.TokenLength + token.Length];
        bytes.AsSpan(0, start).CopyTo(result);
        token.CopyTo(result, start);
        bytes.AsSpan(rest).CopyTo(result.AsSpan(start + token.Length));
        return result;
    }

    /// <summary>Where the zip starts, from the last end-of-central-directory record in <paramref name="tail"/>.</summary>
    private static long? ZipStart(ReadOnlySpan<byte> tail, long tailOffset, long length, out string? problem)
    {
        problem = null;
        for (var i = tail.Length - EndRecordSize; i >= 0; i--)
        {
            if (!tail[i..].StartsWith("PK\x05\x06"u8)) continue;
            var centralSize = BinaryPrimitives.ReadUInt32LittleEndian(tail[(i + 12)..]);
            var centralOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail[(i + 16)..]);
            var zipStart = tailOffset + i - centralSize - centralOffset;
            if (zipStart > 2 && zipStart < length) return zipStart;
            problem = "the launcher's zip end record is inconsistent";
            return null;
        }
        problem = "no zip at the end (not a script launcher)";
        return null;
    }

    /// <summary>The last <c>#!</c> line before the zip, and its interpreter token.</summary>
    private static LauncherLayout? Shebang(ReadOnlySpan<byte> window, long windowOffset, long zipStart, out string? problem)
    {
        problem = null;
        var hash = window.LastIndexOf("#!"u8);
        if (hash < 0) { problem = "no shebang before the launcher's zip"; return null; }
        var lineEnd = window[hash..].IndexOfAny((byte)'\r', (byte)'\n');
        var line = window.Slice(hash, lineEnd < 0 ? window.Length - hash : lineEnd);
        string text;
        try { text = new UTF8Encoding(false, true).GetString(line); }
        catch (DecoderFallbackException) { problem = "the launcher's shebang is not UTF-8"; return null; }
        var at = 2;
        while (at < text.Length && text[at] is ' ' or '\t') at++;
        if (RecordedPathFormats.Read(RecordedPathFormats.WindowsShebang, text, at) is not { } token)
        {
            problem = "the launcher's shebang names no interpreter";
            return null;
        }
        var byteStart = windowOffset + hash + Encoding.UTF8.GetByteCount(text.AsSpan(0, token.Start));
        return new LauncherLayout(zipStart, byteStart, Encoding.UTF8.GetByteCount(text.AsSpan(token.Start, token.Length)), token.Value);
    }
}
