namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>
/// What diagnosis keeps of compiled files between environments and between scans: their headers and the system's
/// loader cache. Registered once per service provider: for the life of <c>serve</c>, for one run of a CLI verb.
/// </summary>
public sealed record NativeCaches(BinaryHeaderCache Headers, SystemLoaderCache Loader)
{
    /// <summary>Empty caches (a diagnoser made without a provider: tests, benchmarks).</summary>
    public static NativeCaches Fresh() => new(new BinaryHeaderCache(), new SystemLoaderCache());
}
