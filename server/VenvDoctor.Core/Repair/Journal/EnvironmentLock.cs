using VenvDoctor.Core.Anatomy;
using System.Security.Cryptography;
using System.Text;

namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// One repair or undo per environment at a time, across every process of this user (the CLI and the sidecar
/// alike): an exclusive lock on <c>locks/HASH.lock</c> in the journal store's folder, keyed by the environment's path with
/// its parent's symlinks resolved (the environment itself may be swapped by recreate while locked). The system
/// drops the lock when the process dies, so a killed repair never leaves an environment locked.
/// Taken through <see cref="JournalStore.LockEnvironment"/>.
/// </summary>
public sealed class EnvironmentLock : IDisposable
{
    private readonly FileStream file;

    private EnvironmentLock(FileStream file) => this.file = file;

    /// <summary>Takes the environment's lock in <paramref name="locksFolder"/> or throws <see cref="RepairException"/> when another repair holds it.</summary>
    internal static EnvironmentLock Acquire(string locksFolder, string environmentPath)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(environmentPath));
        var parent = Path.GetDirectoryName(full);
        var key = parent is null ? full : Path.Combine(PathResolver.RealPath(parent) ?? parent, Path.GetFileName(full));
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32] + ".lock";
        var path = Path.Combine(locksFolder, name);
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix: refused to another process and to a second open here.
            return new EnvironmentLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new RepairException($"Another repair or undo of {full} is in progress; try again when it has finished.");
        }
    }

    // The lock file stays: deleting it would let a waiter lock a name that no longer exists.
    public void Dispose() => file.Dispose();
}
