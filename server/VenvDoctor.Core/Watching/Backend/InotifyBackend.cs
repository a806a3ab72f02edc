using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace VenvDoctor.Core.Watching.Backend;

/// <summary>
/// A small hand-written inotify binding: one inotify instance, one watch per directory we choose.
/// Why not <see cref="FileSystemWatcher"/>: on Linux it is recursive-or-nothing (a recursive watcher on a workspace
/// watches node_modules, .git and every environment's site-packages — thousands of watches we do not need) and each
/// instance costs an inotify instance (the default limit is 128 per user, shared with the editor and every other
/// tool). We need "this directory, structure only" for the tree and "these three folders" inside an environment,
/// all on one instance, with the watch count under our control (see <see cref="WatchSet"/>'s budget). Linux only:
/// <see cref="Platform.Linux.LinuxPlatform"/> makes it; the portable platform uses <see cref="FileSystemWatcherBackend"/>.
/// </summary>
public sealed class InotifyBackend : IFileWatchBackend
{
    private const int PollTimeoutMs = 200;

    private readonly int fd;
    /// <summary>Held while reading and delivering, so events reach the callback in order from either thread.</summary>
    private readonly Lock reading = new();
    private readonly byte[] buffer = new byte[64 * 1024];   // hundreds of events per read(); events are 16 bytes + a padded name
    private Action<RawWatchEvent>? deliver;
    private Thread? reader;
    private volatile bool disposed;

    public InotifyBackend()
    {
        fd = InotifyNative.InotifyInit1(InotifyNative.InNonBlock | InotifyNative.InCloExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno == InotifyNative.Emfile
                ? "inotify_init1 refused: the per-user limit of inotify instances (fs.inotify.max_user_instances) is reached"
                : $"inotify_init1 failed (errno {errno})");
        }
    }

    public void Start(Action<RawWatchEvent> onEvent)
    {
        if (reader is not null) throw new InvalidOperationException("Already started");
        deliver = onEvent;
        reader = new Thread(ReadLoop) { IsBackground = true, Name = "inotify reader" };
        reader.Start();
    }

    public WatchAddResult Add(string directory, WatchInterest interest)
    {
        var mask = InotifyNative.InCreate | InotifyNative.InDelete | InotifyNative.InMovedFrom | InotifyNative.InMovedTo
            | InotifyNative.InDeleteSelf | InotifyNative.InMoveSelf | InotifyNative.InOnlyDir | InotifyNative.InExclUnlink;
        if (interest.HasFlag(WatchInterest.Contents))
            mask |= InotifyNative.InCloseWrite | InotifyNative.InAttrib;
        var wd = InotifyNative.InotifyAddWatch(fd, directory, mask);
        if (wd >= 0) return WatchAddResult.Ok(wd);
        var errno = Marshal.GetLastPInvokeError();
        return errno switch
        {
            InotifyNative.Enospc => new(WatchAddStatus.LimitReached, -1, "the system refused another watch (ENOSPC: fs.inotify.max_user_watches reached)"),
            InotifyNative.Enoent or InotifyNative.Enotdir => new(WatchAddStatus.NotFound, -1, "no such directory"),
            InotifyNative.Eacces => new(WatchAddStatus.Denied, -1, "permission denied"),
            _ => new(WatchAddStatus.Failed, -1, $"inotify_add_watch failed (errno {errno})"),
        };
    }

    public void Remove(int handle)
    {
        if (!disposed) InotifyNative.InotifyRmWatch(fd, handle);
    }

    private unsafe void ReadLoop()
    {
        var pollFd = new InotifyNative.PollFd { Fd = fd, Events = InotifyNative.PollIn };
        while (!disposed)
        {
            // poll with a timeout rather than a blocking read: closing the fd does not wake a blocked reader.
            var ready = InotifyNative.Poll(&pollFd, 1, PollTimeoutMs);
            if (disposed) return;
            if (ready > 0) ReadAvailable();
        }
    }

    public void Sync()
    {
        if (!disposed && deliver is not null) ReadAvailable();
    }

    /// <summary>Reads until the (non-blocking) descriptor has nothing more: EAGAIN, or EINTR (the poll comes back).</summary>
    private unsafe void ReadAvailable()
    {
        lock (reading)
        {
            while (!disposed)
            {
                nint n;
                fixed (byte* p = buffer) n = InotifyNative.Read(fd, p, (nuint)buffer.Length);
                if (n <= 0) return;
                Parse(buffer.AsSpan(0, (int)n), deliver!);
            }
        }
    }

    private static void Parse(ReadOnlySpan<byte> data, Action<RawWatchEvent> onEvent)
    {
        while (data.Length >= 16)
        {
            var wd = BinaryPrimitives.ReadInt32LittleEndian(data);
            var mask = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            var cookie = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
            var len = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[12..]);
            string? name = null;
            if (len > 0)
            {
                var raw = data.Slice(16, len);
                var end = raw.IndexOf((byte)0);
                name = Encoding.UTF8.GetString(end >= 0 ? raw[..end] : raw);
            }
            data = data[(16 + len)..];
            var isDir = (mask & InotifyNative.InIsDir) != 0;
            foreach (var kind in Kinds(mask))
                onEvent(new RawWatchEvent(kind == RawEventKind.Overflow ? -1 : wd, kind, name, isDir, cookie));
        }
    }

    private static IEnumerable<RawEventKind> Kinds(uint mask)
    {
        if ((mask & InotifyNative.InQOverflow) != 0) yield return RawEventKind.Overflow;
        if ((mask & InotifyNative.InCreate) != 0) yield return RawEventKind.Created;
        if ((mask & InotifyNative.InDelete) != 0) yield return RawEventKind.Deleted;
        if ((mask & InotifyNative.InMovedFrom) != 0) yield return RawEventKind.MovedFrom;
        if ((mask & InotifyNative.InMovedTo) != 0) yield return RawEventKind.MovedTo;
        if ((mask & (InotifyNative.InCloseWrite | InotifyNative.InAttrib | InotifyNative.InModify)) != 0) yield return RawEventKind.Modified;
        if ((mask & InotifyNative.InDeleteSelf) != 0) yield return RawEventKind.SelfDeleted;
        if ((mask & InotifyNative.InMoveSelf) != 0) yield return RawEventKind.SelfMoved;
        if ((mask & (InotifyNative.InIgnored | InotifyNative.InUnmount)) != 0) yield return RawEventKind.Ignored;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (reader is not null && reader != Thread.CurrentThread) reader.Join();
        lock (reading) InotifyNative.Close(fd);   // releases every watch at once; never under a Sync's read
    }
}
