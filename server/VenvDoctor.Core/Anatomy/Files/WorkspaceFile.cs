using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Anatomy.Files;

/// <summary>
/// The one reader of files that come from a workspace, an environment or the machine around them. It reads regular
/// files only — a FIFO, socket, device or folder under the name is reported and never opened for reading, so no read
/// blocks — and at most its <see cref="FileKind"/>'s cap (<see cref="FileCaps"/>): the file's size is a hint, never
/// trusted (a link to /dev/zero says 0; /proc says 0 and has text), so the read itself stops one byte past the cap.
/// Every refusal says which file and why (<see cref="FileRead.Reason"/>). Whole files here; the first bytes of many
/// scripts in <c>WorkspaceFile.Head.cs</c>. The open itself, with its checks, is the platform's one open sequence
/// (<see cref="IPlatformFiles.Open"/>: native open/statx/pread on Linux, .NET's calls elsewhere).
/// </summary>
public static partial class WorkspaceFile
{
    /// <summary>Reads <paramref name="path"/> (following links) as a file of <paramref name="kind"/>; never throws for I/O.</summary>
    public static FileRead Read(string path, FileKind kind) =>
        Guarded(path, kind, FileCaps.Of(kind), wholeFile: true);

    /// <summary>
    /// The first <paramref name="maxBytes"/> (at most the kind's cap) of a regular file: a file longer than that is
    /// not refused, its head is what the caller wants (a few keys, a shebang's <c>#!</c>). Never throws for I/O.
    /// </summary>
    public static FileRead ReadPrefix(string path, FileKind kind, int maxBytes)
        => Guarded(path, kind, Math.Min(maxBytes, FileCaps.Of(kind)), wholeFile: false);

    /// <summary>The file's bytes; a <see cref="FileRefusedException"/> (an IOException naming the file and why) otherwise.</summary>
    public static byte[] ReadBytes(string path, FileKind kind) => Read(path, kind).BytesOrThrow();

    /// <summary>The file as UTF-8 text, a BOM dropped; a <see cref="FileRefusedException"/> otherwise.</summary>
    public static string ReadText(string path, FileKind kind) => Read(path, kind).TextOrThrow();

    /// <summary>The file as text, or null when it is absent or refused (for callers to whom "no answer" is the finding).</summary>
    public static string? TryReadText(string path, FileKind kind) => Read(path, kind).Text;

    /// <summary>UTF-8 text as <c>File.ReadAllText</c> gives it (a byte-order mark dropped, so spans match).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        return System.Text.Encoding.UTF8.GetString(bytes[start..]);
    }

    private static FileRead Guarded(string path, FileKind kind, int limit, bool wholeFile)
    {
        try
        {
            using var file = Host.Platform.Files.Open(path, kind, out var refusal);
            return file is null ? refusal! : ReadOpened(file, limit, wholeFile);
        }
        catch (FileRefusedException e) { return e.Read; }
        catch (UnauthorizedAccessException) { return new FileRead(path, kind, null, FileRefusal.Unreadable, "permission denied"); }
        catch (FileNotFoundException) { return new FileRead(path, kind, null, FileRefusal.Missing); }
        catch (DirectoryNotFoundException) { return new FileRead(path, kind, null, FileRefusal.Missing); }
        catch (IOException e) { return new FileRead(path, kind, null, FileRefusal.Unreadable, e.Message); }
    }

    /// <summary>
    /// Reads to the end (or to <paramref name="limit"/> for a prefix), holding at most limit + 1 bytes: one past the
    /// cap is how "over the cap" is known.
    /// </summary>
    private static FileRead ReadOpened(OpenedFile file, int limit, bool wholeFile)
    {
        var (path, kind, sizeHint) = (file.Path, file.Kind, Math.Max(file.Length, 0));
        if (wholeFile && sizeHint > limit) return new FileRead(path, kind, null, FileRefusal.OverCap);
        var most = wholeFile ? limit + 1 : limit;
        var buffer = new byte[(int)Math.Min(Math.Max(sizeHint + 1, 4096), most)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total == most) break;
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, most));
            }
            var n = file.Read(buffer.AsSpan(total), total);
            if (n == 0) break;
            total += n;
        }
        if (wholeFile && total > limit) return new FileRead(path, kind, null, FileRefusal.OverCap);
        return new FileRead(path, kind, total == buffer.Length ? buffer : buffer[..total], FileRefusal.None);
    }
}
