using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Anatomy.Files;

/// <summary>
/// The first bytes of a file with the fewest system calls: the platform's unchecked open (open/pread/close on Linux,
/// no fstat: see <see cref="IPlatformFiles.OpenUnchecked"/>). Bounded without a type check: the read is at most the
/// caller's buffer, and the open cannot block on a FIFO (O_NONBLOCK on Linux; elsewhere see
/// <see cref="Platform.Portable.PortableFiles"/>).
/// </summary>
public static partial class WorkspaceFile
{
    /// <summary>
    /// A folder held open so that the files in it are opened by name (openat(2) on Linux, where the kernel then looks
    /// up one name per file). Where the platform has no such handle, <see cref="Open"/> returns null.
    /// </summary>
    public sealed class Folder : IDisposable
    {
        private Folder(OpenedFolder handle) => Handle = handle;
        internal OpenedFolder Handle { get; }

        /// <summary>The folder open for opening its files by name, or null (callers then use full paths).</summary>
        public static Folder? Open(string path) => Host.Platform.Files.OpenFolder(path) is { } handle ? new Folder(handle) : null;

        public void Dispose() => Handle.Dispose();
    }

    /// <summary>
    /// A file held open for a few reads at chosen offsets (a binary's header, then its dynamic section): one open,
    /// reads, one close. Each read is bounded by its buffer, as <see cref="ReadHead"/>'s.
    /// </summary>
    public sealed class Positional : IDisposable
    {
        private readonly OpenedFile file;

        /// <summary>Opens <paramref name="path"/> for reading (a FIFO never blocks). Throws IOException.</summary>
        public Positional(string path) => file = Host.Platform.Files.OpenUnchecked(path, FileKind.ScriptHead);

        /// <summary>Reads up to <paramref name="buffer"/>'s length at <paramref name="offset"/>; returns the bytes read (fewer at the end).</summary>
        public int Read(Span<byte> buffer, long offset) => file.Read(buffer, offset);

        public void Dispose() => file.Dispose();
    }

    /// <summary>Fills <paramref name="buffer"/> (a script head: at most <see cref="FileKind.ScriptHead"/>'s cap) from offset 0; returns the bytes read. Throws IOException when the file cannot be read.</summary>
    /// <param name="folder">The file's folder, held open (<see cref="Folder"/>): the file is opened by its name in it.</param>
    public static int ReadHead(string path, Span<byte> buffer, Folder? folder = null)
    {
        using var file = folder is null ? Host.Platform.Files.OpenUnchecked(path, FileKind.ScriptHead)
            : folder.Handle.OpenUnchecked(Path.GetFileName(path), path, FileKind.ScriptHead);
        return ReadHeadOf(file, buffer);
    }

    /// <summary>
    /// As <see cref="ReadHead"/>, for a file of <paramref name="folder"/> named by its raw bytes: a name that is not
    /// valid UTF-8 cannot be opened by a .NET string (it decodes lossily), only by the bytes readdir gave.
    /// </summary>
    public static int ReadHeadRaw(Folder folder, ReadOnlySpan<byte> rawName, Span<byte> buffer, string shownPath)
    {
        using var file = folder.Handle.OpenUnchecked(rawName, shownPath, FileKind.ScriptHead);
        return ReadHeadOf(file, buffer);
    }

    /// <summary>One read from 0, at most the script-head cap.</summary>
    private static int ReadHeadOf(OpenedFile file, Span<byte> buffer) =>
        file.Read(buffer.Length > FileCaps.Of(FileKind.ScriptHead) ? buffer[..FileCaps.Of(FileKind.ScriptHead)] : buffer, 0);
}
