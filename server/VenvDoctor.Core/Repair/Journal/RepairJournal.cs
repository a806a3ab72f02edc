using System.Text.Json;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// One repair's journal: <c>&lt;env&gt;/.venv-doctor/journal/&lt;id&gt;/</c> holding <c>manifest.json</c>, the saved
/// originals (<c>originals/N</c>, hard links when the filesystem allows) and state markers.
/// Lives inside the environment because (1) the originals must be on the same filesystem as the files they
/// replace, so saving them is a hard link and restoring them is a rename; (2) the journal moves and is copied with
/// the environment, so undo still works after the folder moves; (3) the engine then writes nowhere else (bar the
/// <see cref="JournalStore"/>'s small files: which journals are ours, which are open, the environment locks).
/// States: no manifest = nothing changed yet; manifest without <c>committed</c> = applying (roll back);
/// <c>committed</c> = done (kept for undo); <c>undoing</c> = undo in progress (roll forward to the old state).
/// A journal is acted on only when <see cref="JournalRegistry"/> lists it with its manifest's hash (see <see cref="Open"/>).
/// </summary>
internal sealed class RepairJournal
{
    public const string ManifestName = "manifest.json";
    public const string CommittedMarker = "committed";
    public const string UndoingMarker = "undoing";

    public string Folder { get; }
    public string EnvironmentRoot { get; }
    public JournalManifest Manifest { get; }

    /// <summary>Where this journal is listed as ours (the store's registry).</summary>
    private readonly JournalRegistry registry;

    private RepairJournal(JournalRegistry registry, string folder, string environmentRoot, JournalManifest manifest)
    {
        this.registry = registry;
        Folder = folder;
        EnvironmentRoot = environmentRoot;
        Manifest = manifest;
    }

    public string Id => Manifest.Id;
    public bool IsCommitted => File.Exists(Path.Combine(Folder, CommittedMarker));
    public bool IsUndoing => File.Exists(Path.Combine(Folder, UndoingMarker));

    public static string JournalsFolder(string environmentRoot) =>
        Path.Combine(environmentRoot, RepairScope.JournalFolderName, "journal");

    /// <summary>Ids sort by time, so the last committed one is the repair undo reverts.</summary>
    public static string NewId() => $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Saves every original and writes the manifest. Nothing in the environment has changed yet.</summary>
    /// <param name="registry">Where the journal is listed as ours before anything of it is written.</param>
    /// <param name="id">The journal's id, when the caller claimed it first (<see cref="PendingJournals.ClaimFor"/>).</param>
    public static RepairJournal Begin(JournalRegistry registry, string environmentRoot, RepairPlan plan, IReadOnlyList<string> createdFolders, string? id = null)
    {
        var manifest = new JournalManifest
        {
            Id = id ?? NewId(),
            Action = plan.Action,
            Title = plan.Title,
            Created = DateTimeOffset.UtcNow,
            EnvironmentPath = environmentRoot,
        };
        var folder = CreateFolder(registry, environmentRoot, manifest.Id);
        var originals = Path.Combine(folder, "originals");
        PrivateFolder.Create(originals);
        var entries = new JournalEntry[plan.Edits.Count];
        void Save(int i)
        {
            var edit = plan.Edits[i];
            var entry = new JournalEntry { Path = Relative(environmentRoot, edit.Path), Operation = FileEdit.WireName(edit.Operation), Before = "absent" };
            var status = PosixFiles.Lstat(edit.Path);
            if (status.IsLink)
            {
                entry.Before = "link";
                entry.LinkTarget = new FileInfo(edit.Path).LinkTarget;
            }
            else if (status.IsFile)
            {
                entry.Before = "file";
                // Always "/": the manifest is checked against one form (JournalPaths), and Windows reads "/" too.
                entry.Saved = "originals/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                AtomicFiles.SaveOriginal(edit.Path, Path.Combine(folder, entry.Saved));
            }
            entries[i] = entry;
        }
        // Saving is a hard link per file: latency-bound, so big plans save in parallel (nothing is changed yet).
        if (entries.Length < 64) for (var i = 0; i < entries.Length; i++) Save(i);
        else Parallel.For(0, entries.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, Save);
        manifest.Entries.AddRange(entries);
        manifest.CreatedFolders.AddRange(createdFolders.Select(f => Relative(environmentRoot, f)));
        var journal = new RepairJournal(registry, folder, environmentRoot, manifest);
        journal.WriteManifest();
        return journal;
    }

    /// <summary>A recreate's journal: one <c>rename-folder</c> entry naming the kept folder that undo swaps back.</summary>
    public static RepairJournal BeginFolderSwap(JournalRegistry registry, string environmentRoot, string id, string title, string aside)
    {
        var manifest = new JournalManifest
        {
            Id = id, Action = Model.RepairActions.Recreate, Title = title, Created = DateTimeOffset.UtcNow,
            EnvironmentPath = environmentRoot,
            Entries = [new JournalEntry { Path = aside, Operation = FolderSwapOperation, Before = FolderSwap.BeforeState }],
        };
        var folder = CreateFolder(registry, environmentRoot, id);
        var journal = new RepairJournal(registry, folder, environmentRoot, manifest);
        journal.WriteManifest();
        return journal;
    }

    /// <summary>The wire name of the folder-swap entry's operation.</summary>
    public const string FolderSwapOperation = "rename-folder";


    /// <summary>
    /// Opens a journal folder; null when it has no manifest (a run that stopped before changing anything). Throws
    /// <see cref="UntrustedJournalException"/> for a journal this user's tool did not write, or whose manifest
    /// changed since, or that names a path outside the environment: such a journal is reported, never replayed.
    /// Nothing of a journal is parsed before its manifest's hash matches the one recorded when it was written.
    /// </summary>
    public static RepairJournal? Open(JournalRegistry registry, string folder, string environmentRoot)
    {
        var id = Path.GetFileName(folder);
        var status = PosixFiles.Lstat(folder);
        if (status.IsLink || !status.IsDirectory) throw new UntrustedJournalException(folder, "it is not a folder (a symlink or a file)");
        if (!JournalRegistry.IsWellFormedId(id)) throw new UntrustedJournalException(folder, "its name is not a journal id this tool makes");
        var path = Path.Combine(folder, ManifestName);
        var manifestStatus = PosixFiles.Lstat(path);
        if (!manifestStatus.Exists) return null;
        if (!manifestStatus.IsFile) throw new UntrustedJournalException(folder, $"{ManifestName} is not a regular file");
        var read = WorkspaceFile.Read(path, FileKind.JournalManifest);
        if (read.Refusal == FileRefusal.OverCap) throw new UntrustedJournalException(folder, $"{ManifestName} is larger than any manifest this tool writes");
        if (read.Bytes is not { } bytes) throw new UntrustedJournalException(folder, $"{ManifestName} {read.Reason}");
        if (!registry.Matches(id, bytes))
            throw new UntrustedJournalException(folder, "it was not written by this user's venv-doctor, or its manifest changed since");
        JournalManifest? manifest;
        try { manifest = JsonSerializer.Deserialize(bytes, JournalJsonContext.Default.JournalManifest); }
        catch (JsonException e) { throw new UntrustedJournalException(folder, $"{ManifestName} is not valid ({e.Message})"); }
        if (manifest is null) throw new UntrustedJournalException(folder, $"{ManifestName} is empty");
        if (manifest.Aside is { } kept)
        {
            // A format-1 recreate journal: its kept folder becomes the entry format 2 writes, checked like one below.
            if (manifest.Entries.Count > 0) throw new UntrustedJournalException(folder, $"{ManifestName} has both file entries and a kept folder");
            manifest.Entries.Add(new JournalEntry { Path = kept, Operation = FolderSwapOperation, Before = FolderSwap.BeforeState });
            manifest.Aside = null;
        }
        if (JournalPaths.Problem(manifest, folder, environmentRoot) is { } problem) throw new UntrustedJournalException(folder, problem);
        return new RepairJournal(registry, folder, environmentRoot, manifest);
    }

    /// <summary>Every journal folder of an environment, oldest first. The engine's folders must be real folders inside it.</summary>
    public static IReadOnlyList<string> Folders(string environmentRoot)
    {
        var engineFolder = Path.Combine(environmentRoot, RepairScope.JournalFolderName);
        var dir = JournalsFolder(environmentRoot);
        foreach (var f in new[] { engineFolder, dir })
        {
            var status = PosixFiles.Lstat(f);
            if (!status.Exists) return [];
            if (status.IsLink || !status.IsDirectory)
                throw new UntrustedJournalException(f, "it is a symlink or not a folder; journals are never followed out of the environment");
        }
        return Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Creates <c>.venv-doctor/journal/ID</c> private to the user, refusing any symlink on the way; lists the id first.</summary>
    private static string CreateFolder(JournalRegistry registry, string environmentRoot, string id)
    {
        registry.RecordBegun(id);
        var engineFolder = Path.Combine(environmentRoot, RepairScope.JournalFolderName);
        PrivateFolder.Create(engineFolder);
        PrivateFolder.Create(JournalsFolder(environmentRoot));
        var folder = Path.Combine(JournalsFolder(environmentRoot), id);
        PrivateFolder.Create(folder);
        return folder;
    }

    public string Absolute(string stored) => Path.IsPathRooted(stored) ? stored : Path.Combine(EnvironmentRoot, stored);

    public void MarkCommitted() => WriteMarker(CommittedMarker);

    public void MarkUndoing() => WriteMarker(UndoingMarker);

    /// <summary>Puts every path back as it was, last change first. Idempotent, so a killed restore is simply rerun.</summary>
    public void RestoreOriginals(Action<int>? afterEach = null)
    {
        var restored = 0;
        for (var i = Manifest.Entries.Count - 1; i >= 0; i--)
        {
            var entry = Manifest.Entries[i];
            var path = Absolute(entry.Path);
            switch (entry.Before)
            {
                case "file":
                    AtomicFiles.RestoreFile(Path.Combine(Folder, entry.Saved!), path, Id);
                    break;
                case "link":
                    AtomicFiles.WriteLink(path, entry.LinkTarget!, Id);
                    break;
                case FolderSwap.BeforeState:
                    // The whole environment, this journal included, is swapped for the kept one: nothing after this entry.
                    FolderSwap.PutBack(EnvironmentRoot, entry.Path, Id);
                    break;
                default:
                    AtomicFiles.Delete(path);
                    break;
            }
            afterEach?.Invoke(++restored);
        }
        foreach (var created in Enumerable.Reverse(Manifest.CreatedFolders))
        {
            var dir = Absolute(created);
            if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
        }
    }

    /// <summary>Removes temp files a killed write may have left next to the paths this journal touches.</summary>
    public void SweepTempFiles()
    {
        foreach (var entry in Manifest.Entries.Where(e => e.Before != FolderSwap.BeforeState))
            AtomicFiles.Delete(AtomicFiles.TempName(Absolute(entry.Path), Id));
    }

    /// <summary>Deletes this journal, and the engine's folder when no journal is left, so an undone environment is as it was.</summary>
    public void Delete()
    {
        registry.Forget(Id);
        if (!Directory.Exists(Folder)) return; // a folder swap put the kept environment back: this journal went with the new one
        Directory.Delete(Folder, recursive: true);
        DeleteIfEmpty(JournalsFolder(EnvironmentRoot));
        DeleteIfEmpty(Path.Combine(EnvironmentRoot, RepairScope.JournalFolderName));
    }

    private static void DeleteIfEmpty(string dir)
    {
        if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
    }

    private void WriteManifest()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Manifest, JournalJsonContext.Default.JournalManifest);
        var temp = Path.Combine(Folder, ManifestName + ".tmp");
        AtomicFiles.Delete(temp);
        using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            fs.Write(bytes);
            fs.Flush(flushToDisk: true);
        }
        // Listed before it is in place: a manifest on disk is never ours without its hash in the state folder.
        registry.RecordManifest(Id, bytes);
        File.Move(temp, Path.Combine(Folder, ManifestName), overwrite: true);
    }

    private void WriteMarker(string name)
    {
        var temp = Path.Combine(Folder, name + ".tmp");
        AtomicFiles.Delete(temp);
        using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            fs.Write(System.Text.Encoding.UTF8.GetBytes(DateTimeOffset.UtcNow.ToString("O")));
            fs.Flush(flushToDisk: true);
        }
        File.Move(temp, Path.Combine(Folder, name), overwrite: true);
    }

    private static string Relative(string root, string path)
    {
        var full = Path.GetFullPath(path);
        return Anatomy.Paths.IsUnder(full, root) ? Path.GetRelativePath(root, full) : full;
    }
}

/// <summary>A journal found in an environment that is not acted on: not ours, changed, or naming paths outside it.</summary>
public sealed class UntrustedJournalException(string folder, string reason)
    : RepairException($"Journal {folder} was not replayed: {reason}.")
{
    public string Folder { get; } = folder;
    public string Reason { get; } = reason;
}
