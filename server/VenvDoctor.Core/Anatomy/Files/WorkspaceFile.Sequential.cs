using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Anatomy.Files;

/// <summary>
/// A file read from start to end in pieces, for a file too large to hold (git's index of a large monorepo): the same
/// checks as a whole read — the platform's one open sequence (<see cref="IPlatformFiles.Open"/>) — and the same
/// cap per kind, here on the bytes read rather than held: a read past the cap throws a
/// <see cref="FileRefusedException"/> saying so, however large the file claims (or does not claim) to be.
/// </summary>
public static partial class WorkspaceFile
{
    /// <summary>
    /// Opens <paramref name="path"/> for reading in order; null, with the reason in <paramref name="refusal"/>, when
    /// it is missing, not a regular file, unreadable, or larger than its kind's cap already. Never throws for I/O.
    /// </summary>
    public static Sequential? OpenSequential(string path, FileKind kind, out FileRead? refusal)
    {
        try
        {
            var file = Host.Platform.Files.Open(path, kind, out refusal);
            if (file is null) return null;
            if (file.Length <= FileCaps.Of(kind)) return new Sequential(file);
            file.Dispose();
            refusal = new FileRead(path, kind, null, FileRefusal.OverCap);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            refusal = new FileRead(path, kind, null, FileRefusal.Unreadable, e.Message);
            return null;
        }
    }

    /// <summary>An open regular file read in order, at most its kind's cap in all (see <see cref="OpenSequential"/>).</summary>
    public sealed class Sequential : IDisposable
    {
        private readonly OpenedFile file;
        private readonly long cap;

        internal Sequential(OpenedFile file)
        {
            this.file = file;
            cap = FileCaps.Of(file.Kind);
        }

        public string Path => file.Path;
        public FileKind Kind => file.Kind;
        /// <summary>The size when it was opened (-1 when unknown): a hint, as every size is; the cap is what bounds.</summary>
        public long Length => file.Length;
        /// <summary>How many bytes were read or skipped so far.</summary>
        public long Position { get; private set; }

        /// <summary>The next bytes, up to the buffer's length; 0 at the end. Throws IOException, and <see cref="FileRefusedException"/> past the cap.</summary>
        public int Read(Span<byte> buffer)
        {
            if (Position + buffer.Length > cap + 1) buffer = buffer[..(int)Math.Max(0, cap + 1 - Position)];
            if (buffer.IsEmpty) return 0;
            var n = file.Read(buffer, Position);
            Position += n;
            if (Position > cap) throw new FileRefusedException(new FileRead(Path, Kind, null, FileRefusal.OverCap));
            return n;
        }

        /// <summary>Moves on <paramref name="count"/> bytes without reading them (what is skipped counts toward the cap).</summary>
        public void Skip(long count)
        {
            Position += count;
            if (Position > cap) throw new FileRefusedException(new FileRead(Path, Kind, null, FileRefusal.OverCap));
        }

        public void Dispose() => file.Dispose();
    }
}
