namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>
/// The system's loader cache (<see cref="LoaderCache"/>) as it is now: parsed once, and again only when the file's
/// size or modification time changed. A service (<see cref="NativeCaches"/>), not process-wide state.
/// </summary>
public sealed class SystemLoaderCache(string path = LoaderCache.DefaultPath)
{
    private readonly Lock gate = new();
    private (long Size, DateTime MTime, LoaderCache Cache)? current;

    public LoaderCache Current()
    {
        var info = new FileInfo(path);
        if (!info.Exists) return LoaderCache.Empty;
        lock (gate)
        {
            if (current is { } c && c.Size == info.Length && c.MTime == info.LastWriteTimeUtc) return c.Cache;
            var cache = LoaderCache.Parse(LoaderCache.ReadOrEmpty(path));
            current = (info.Length, info.LastWriteTimeUtc, cache);
            return cache;
        }
    }
}
