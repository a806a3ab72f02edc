namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// Makes a freshly built tree look old. Caches keyed by folder times keep a listing only when its time was settled
/// when read (<c>SettledTime</c>: a change in the same clock tick would carry the same time); a tree a test has just
/// made is never settled, so a test of what a cache keeps sets the times back first, as a tree that sat on disk has.
/// </summary>
internal static class FolderTimes
{
    public static void Backdate(string root, TimeSpan? by = null)
    {
        var time = DateTime.UtcNow - (by ?? TimeSpan.FromHours(1));
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var child in folder.EnumerateDirectories())
                if (child.LinkTarget is null) pending.Push(child);
            folder.LastWriteTimeUtc = time;
        }
    }
}
