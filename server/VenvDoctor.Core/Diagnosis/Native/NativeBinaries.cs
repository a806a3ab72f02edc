using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Native;

namespace VenvDoctor.Core.Diagnosis.Native;

/// <summary>A compiled file of the environment with what its header says (null: not a binary we know, e.g. a linker script).</summary>
public sealed record InspectedBinary(CompiledFile File, BinaryHeader? Header);

/// <summary>
/// The compiled files of one environment, their headers, and what its interpreter can load: what the three
/// native rules (<c>extension-abi-mismatch</c>, <c>foreign-binary</c>, <c>library-missing</c>) decide from. Built once per
/// diagnosis (lazily, by <see cref="DiagnosisContext.Native"/>); headers come from the diagnosis's <see cref="BinaryHeaderCache"/>, so a
/// rescan reads only files whose size or mtime changed. Owners (RECORD) are read only when a rule reports something.
/// </summary>
public sealed class NativeBinaries
{
    private readonly Lazy<FileOwners> owners;

    private NativeBinaries(EnvironmentFacts facts, HostPlatform host, string? minor, bool freeThreaded, CompiledFiles found, IReadOnlyList<InspectedBinary> files)
    {
        Facts = facts;
        Host = host;
        Minor = minor;
        FreeThreaded = freeThreaded;
        Found = found;
        Files = files;
        owners = new(() => FileOwners.Read(facts.SitePackages));
    }

    public EnvironmentFacts Facts { get; }
    public HostPlatform Host { get; }
    /// <summary>The environment's X.Y (null when nothing says).</summary>
    public string? Minor { get; }
    /// <summary>A free-threaded build (<c>lib/python3.13t</c>).</summary>
    public bool FreeThreaded { get; }
    public CompiledFiles Found { get; }
    public IReadOnlyList<InspectedBinary> Files { get; }

    /// <summary>The distribution whose RECORD lists <paramref name="file"/>, or null.</summary>
    public DistributionRef? OwnerOf(string file) => owners.Value.Of(file);

    /// <summary>The owner's name, or "unknown" when no record lists the file (the documented data value).</summary>
    public string OwnerName(string file) => OwnerOf(file)?.Name ?? Unknown;

    public const string Unknown = "unknown";

    /// <summary>A path as shown in findings: relative to the environment.</summary>
    public string Relative(string path) => Path.GetRelativePath(Facts.Path, path);

    public static NativeBinaries Inspect(DiagnosisContext context, CancellationToken cancellationToken = default)
    {
        var facts = context.Facts;
        var found = CompiledFiles.Find(facts.SitePackages, cancellationToken);
        var files = new InspectedBinary[found.Files.Count];
        for (var i = 0; i < files.Length; i++)
        {
            if ((i & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            var f = found.Files[i];
            files[i] = new InspectedBinary(f, context.Caches.Headers.Get(f.Path, f.Size, f.LastWriteUtc));
        }
        var freeThreaded = facts.SitePackages.Any(s => Path.GetFileName(Path.GetDirectoryName(s))?.EndsWith('t') == true);
        return new NativeBinaries(facts, HostPlatform.Of(facts, context.Caches.Headers), context.RecordedMinor, freeThreaded, found, files);
    }

    /// <summary>The base interpreter's lib/ folders (where a shared build keeps libpythonX.Y.so).</summary>
    public IReadOnlyList<string> BaseLibFolders()
    {
        var folders = new List<string>();
        if (Facts.Interpreter?.RealTarget is { } real && Path.GetDirectoryName(Path.GetDirectoryName(real)) is { } prefix) folders.Add(Path.Combine(prefix, "lib"));
        if (Facts.Config?.Home is { } home && Path.IsPathRooted(home) && Path.GetDirectoryName(home) is { } homePrefix) folders.Add(Path.Combine(homePrefix, "lib"));
        return folders.Distinct(StringComparer.Ordinal).ToList();
    }
}
