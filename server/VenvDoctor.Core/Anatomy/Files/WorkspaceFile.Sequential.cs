using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using VenvDoctor.Core.Discovery.FileSystem;

namespace VenvDoctor.Core.Anatomy.Files;

/// <summary>
/// A file read from start to end in pieces, for a file too large to hold (git's index of a large monorepo): the same
/// checks as a whole read — regular files only, looked at before opening and on the open descriptor — and the same
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
        refusal = null;
        try
        {
            if (!OperatingSystem.IsLinux()) return OpenSequentialPortable(path, kind, out refusal);
            if (FileStatus.Query(path, followLinks: true, out var named) == FileStatus.Outcome.Found && !named.IsFile)
            {
                refusal = new FileRead(path, kind, null, FileRefusal.NotRegular, named.KindName);
                return null;
            }
            var fd = Open(path, ORdOnly | ONonBlock | OCloExec | ONoCtty);
            if (fd < 0)
            {
                refusal = Refused(path, kind, Marshal.GetLastPInvokeError());
                return null;
            }
            var opened = FileStatus.Query(fd, out var status);
            refusal = opened != FileStatus.Outcome.Found ? null
                : !status.IsFile ? new FileRead(path, kind, null, FileRefusal.NotRegular, status.KindName)
                : status.Size > FileCaps.Of(kind) ? new FileRead(path, kind, null, FileRefusal.OverCap) : null;
            if (refusal is null) return new Sequential(path, kind, fd, null, opened == FileStatus.Outcome.Found ? status.Size : -1);
            Close(fd);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            refusal = new FileRead(path, kind, null, FileRefusal.Unreadable, e.Message);
            return null;
        }
    }

    private static Sequential? OpenSequentialPortable(string path, FileKind kind, out FileRead? refusal)
    {
        var info = new FileInfo(path);
        refusal = !info.Exists ? new FileRead(path, kind, null, Directory.Exists(path) ? FileRefusal.NotRegular : FileRefusal.Missing, Directory.Exists(path) ? "a folder" : null)
            : (info.Attributes & FileAttributes.Device) != 0 ? new FileRead(path, kind, null, FileRefusal.NotRegular, "a device")
            : info.Length > FileCaps.Of(kind) ? new FileRead(path, kind, null, FileRefusal.OverCap) : null;
        return refusal is not null ? null
            : new Sequential(path, kind, -1, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), info.Length);
    }

    /// <summary>An open regular file read in order, at most its kind's cap in all (see <see cref="OpenSequential"/>).</summary>
    public sealed class Sequential : IDisposable
    {
        private int fd;
        private readonly SafeFileHandle? handle;
        private readonly long cap;

        internal Sequential(string path, FileKind kind, int fd, SafeFileHandle? handle, long length)
        {
            Path = path;
            Kind = kind;
            this.fd = fd;
            this.handle = handle;
            Length = length;
            cap = FileCaps.Of(kind);
        }

        public string Path { get; }
        public FileKind Kind { get; }
        /// <summary>The size when it was opened (-1 when unknown): a hint, as every size is; the cap is what bounds.</summary>
        public long Length { get; }
        /// <summary>How many bytes were read or skipped so far.</summary>
        public long Position { get; private set; }

        /// <summary>The next bytes, up to the buffer's length; 0 at the end. Throws IOException, and <see cref="FileRefusedException"/> past the cap.</summary>
        public int Read(Span<byte> buffer)
        {
            if (Position + buffer.Length > cap + 1) buffer = buffer[..(int)Math.Max(0, cap + 1 - Position)];
            if (buffer.IsEmpty) return 0;
            int n;
            if (handle is not null) n = RandomAccess.Read(handle, buffer, Position);
            else
            {
                do n = PReadInto(fd, buffer, Position);
                while (n < 0 && Marshal.GetLastPInvokeError() == EINTR);
                if (n < 0) throw new FileRefusedException(Refused(Path, Kind, Marshal.GetLastPInvokeError()));
            }
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

        public void Dispose()
        {
            handle?.Dispose();
            if (fd >= 0) Close(fd);
            fd = -1;
        }
    }
}
