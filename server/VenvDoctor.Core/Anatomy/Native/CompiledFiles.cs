using System.IO.Enumeration;

namespace VenvDoctor.Core.Anatomy.Native;

/// <summary>
/// A compiled file in site-packages: an extension module Python imports (<see cref="IsModule"/>, with its name's
/// <see cref="Tag"/>) or a shared library bundled beside them (<c>numpy.libs/libopenblas-….so</c>,
/// <c>torch/lib/libtorch.so</c>, <c>.dylibs/*.dylib</c>, <c>*.dll</c>). Size and mtime come from the listing and key
/// the header cache.
/// </summary>
public sealed record CompiledFile(string Path, long Size, DateTime LastWriteUtc, bool IsModule, ExtensionTag? Tag);

/// <summary>
/// Every compiled file under the environment's site-packages, found by name in one walk (names only: headers are
/// read by the caller, through <see cref="BinaryHeaderCache"/>), and the names found in the folders packages keep
/// their own libraries in (auditwheel's <c>PKG.libs</c>, delocate's <c>.dylibs</c>, <c>nvidia/*/lib</c>,
/// <c>torch/lib</c>): a library there is loaded by its package before its modules, so it counts as found.
/// Symlinked folders are not followed (they may lead anywhere); <c>__pycache__</c> and metadata folders are skipped.
/// </summary>
public sealed record CompiledFiles(IReadOnlyList<CompiledFile> Files, IReadOnlyDictionary<string, string> Bundled)
{
    public static CompiledFiles Find(IEnumerable<string> sitePackages, CancellationToken cancellationToken)
    {
        var files = new List<CompiledFile>();
        var bundled = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        foreach (var site in sitePackages)
        {
            var walk = new FileSystemEnumerable<CompiledFile?>(site, Describe, options)
            {
                ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && IsCompiledName(e.FileName),
                ShouldRecursePredicate = (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0
                    && !e.FileName.SequenceEqual("__pycache__") && !e.FileName.EndsWith(".dist-info") && !e.FileName.EndsWith(".egg-info"),
            };
            try
            {
                var count = 0;
                foreach (var f in walk)
                {
                    if ((++count & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
                    if (f is null) continue;
                    files.Add(f);
                    if (!f.IsModule && IsBundleFolder(System.IO.Path.GetDirectoryName(f.Path)!))
                        bundled.TryAdd(System.IO.Path.GetFileName(f.Path), f.Path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return new CompiledFiles(files, bundled);
    }

    private static CompiledFile? Describe(ref FileSystemEntry e)
    {
        var name = e.FileName.ToString();
        var path = e.ToFullPath();
        var tag = ExtensionTag.Of(name);
        var folder = System.IO.Path.GetFileName(e.Directory).ToString();
        var isModule = tag is not null
            || (name.EndsWith(".so", StringComparison.Ordinal) || name.EndsWith(".pyd", StringComparison.OrdinalIgnoreCase))
               && !name.StartsWith("lib", StringComparison.Ordinal) && !IsBundleFolderName(folder) && name.IndexOf('.') == name.LastIndexOf('.');
        // A symlink's own length is its target's name: take the target's size and time so the cache key changes with it.
        if ((e.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            var target = new FileInfo(path);
            return target.Exists ? new CompiledFile(path, target.Length, target.LastWriteTimeUtc, isModule, tag) : null;
        }
        return new CompiledFile(path, e.Length, e.LastWriteTimeUtc.UtcDateTime, isModule, tag);
    }

    /// <summary>Extension modules (<c>.so</c>, <c>.pyd</c>) and libraries (<c>.so.N</c>, <c>.dylib</c>, <c>.dll</c>).</summary>
    private static bool IsCompiledName(ReadOnlySpan<char> name) =>
        name.EndsWith(".so") || name.EndsWith(".pyd", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".dylib")
        || name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || name.Contains(".so.", StringComparison.Ordinal);

    private static bool IsBundleFolderName(string folder) => folder.EndsWith(".libs", StringComparison.Ordinal) || folder == ".dylibs";

    private static bool IsBundleFolder(string dir)
    {
        var name = System.IO.Path.GetFileName(dir);
        if (IsBundleFolderName(name)) return true;
        if (name != "lib") return false;
        var parent = System.IO.Path.GetDirectoryName(dir)!;
        return System.IO.Path.GetFileName(parent) == "torch" || System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(parent)) == "nvidia";
    }
}
