namespace VenvDoctor.Core.Discovery.FileSystem;

/// <summary>
/// When a folder's last-write time can vouch for a listing kept since. File systems stamp times from a clock that
/// ticks coarsely (Linux: a few milliseconds; FAT: 2 s; a network share: another machine's clock), so a change made
/// right after a listing can carry the very time the listing saw, and the kept listing would look current for ever.
/// As git does for its index, a time that was this recent when read is "racy": the listing is used once, not kept.
/// </summary>
public static class SettledTime
{
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    /// <summary>True when <paramref name="writeTime"/> was old enough at <paramref name="readAt"/> (both UTC) to vouch for what was read.</summary>
    public static bool IsSettled(DateTime writeTime, DateTime readAt) => readAt - writeTime >= RacyWindow;
}
