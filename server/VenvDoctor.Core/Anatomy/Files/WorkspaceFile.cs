using System.Runtime.InteropServices;
using VenvDoctor.Core.Discovery.FileSystem;

namespace VenvDoctor.Core.Anatomy.Files;

/// <summary>
/// The one reader of files that come from a workspace, an environment or the machine around them. It reads regular
/// files only — a FIFO, socket, device or folder under the name is reported and never opened for reading, so no read
/// blocks — and at most its <see cref="FileKind"/>'s cap (<see cref="FileCaps"/>): the file's size is a hint, never
/// trusted (a link to /dev/zero says 0; /proc says 0 and has text), so the read itself stops one byte past the cap.
/// Every refusal says which file and why (<see cref="FileRead.Reason"/>). Whole files here; the first bytes of many
/// scripts in <c>WorkspaceFile.Head.cs</c>. Linux is native (open/statx/pread); elsewhere <c>RandomAccess</c>.
/// </summary>
public static partial class WorkspaceFile
{
    private const int ENOENT = 2, ENXIO = 6, EINTR = 4, EACCES = 13, ENOTDIR = 20, EISDIR = 21, ELOOP = 40;

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
        try { return OperatingSystem.IsLinux() ? ReadLinux(path, kind, limit, wholeFile) : ReadPortable(path, kind, limit, wholeFile); }
        catch (UnauthorizedAccessException) { return new FileRead(path, kind, null, FileRefusal.Unreadable, "permission denied"); }
        catch (FileNotFoundException) { return new FileRead(path, kind, null, FileRefusal.Missing); }
        catch (DirectoryNotFoundException) { return new FileRead(path, kind, null, FileRefusal.Missing); }
        catch (IOException e) { return new FileRead(path, kind, null, FileRefusal.Unreadable, e.Message); }
    }

    private static FileRead ReadLinux(string path, FileKind kind, int limit, bool wholeFile)
    {
        // Look before opening, so a device or FIFO is never even opened (opening some devices acts on them).
        if (FileStatus.Query(path, followLinks: true, out var named) == FileStatus.Outcome.Found && !named.IsFile)
            return new FileRead(path, kind, null, FileRefusal.NotRegular, named.KindName);
        var fd = Open(path, ORdOnly | ONonBlock | OCloExec | ONoCtty);
        if (fd < 0) return Refused(path, kind, Marshal.GetLastPInvokeError());
        try
        {
            // What was opened is what counts: the name may have been swapped for a FIFO since it was looked at.
            var opened = FileStatus.Query(fd, out var status);
            if (opened == FileStatus.Outcome.Found && !status.IsFile)
                return new FileRead(path, kind, null, FileRefusal.NotRegular, status.KindName);
            return ReadOpened(path, kind, fd, opened == FileStatus.Outcome.Found ? status.Size : 0, limit, wholeFile);
        }
        finally { Close(fd); }
    }

    /// <summary>
    /// Reads to the end (or to <paramref name="limit"/> for a prefix), holding at most limit + 1 bytes: one past the
    /// cap is how "over the cap" is known.
    /// </summary>
    private static FileRead ReadOpened(string path, FileKind kind, int fd, long sizeHint, int limit, bool wholeFile)
    {
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
            var n = PReadInto(fd, buffer.AsSpan(total), total);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR) continue;
                return Refused(path, kind, errno);
            }
            if (n == 0) break;
            total += n;
        }
        if (wholeFile && total > limit) return new FileRead(path, kind, null, FileRefusal.OverCap);
        return new FileRead(path, kind, total == buffer.Length ? buffer : buffer[..total], FileRefusal.None);
    }

    private static unsafe int PReadInto(int fd, Span<byte> buffer, long offset)
    {
        fixed (byte* p = buffer) return (int)PRead(fd, p, buffer.Length, offset);
    }

    private static FileRead Refused(string path, FileKind kind, int errno) => errno switch
    {
        ENOENT or ENOTDIR => new FileRead(path, kind, null, FileRefusal.Missing),
        ENXIO => new FileRead(path, kind, null, FileRefusal.NotRegular, "a socket"),
        EISDIR => new FileRead(path, kind, null, FileRefusal.NotRegular, "a folder"),
        EACCES => new FileRead(path, kind, null, FileRefusal.Unreadable, "permission denied"),
        ELOOP => new FileRead(path, kind, null, FileRefusal.NotRegular, "a loop of symlinks"),
        _ => new FileRead(path, kind, null, FileRefusal.Unreadable, Marshal.GetPInvokeErrorMessage(errno)),
    };

    /// <summary>
    /// Not Linux: .NET's own calls. Windows has no FIFOs or devices under ordinary names; a Unix other than Linux
    /// is not shipped, and is kept from devices by the attribute check.
    /// </summary>
    private static FileRead ReadPortable(string path, FileKind kind, int limit, bool wholeFile)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            return Directory.Exists(path) ? new FileRead(path, kind, null, FileRefusal.NotRegular, "a folder") : new FileRead(path, kind, null, FileRefusal.Missing);
        if ((info.Attributes & FileAttributes.Device) != 0) return new FileRead(path, kind, null, FileRefusal.NotRegular, "a device");
        if (wholeFile && info.Length > limit) return new FileRead(path, kind, null, FileRefusal.OverCap);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[Math.Min(info.Length, limit) + (wholeFile ? 1 : 0)];
        var total = 0;
        int n;
        while (total < buffer.Length && (n = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0) total += n;
        return wholeFile && total == buffer.Length ? new FileRead(path, kind, null, FileRefusal.Unreadable, "it grew while it was read")
            : new FileRead(path, kind, buffer[..total], FileRefusal.None);
    }
}
