using System.Security.Cryptography;
using System.Text.RegularExpressions;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// The journals this user's tool wrote: one file per journal id in the <see cref="JournalStore"/>'s folder, holding the SHA-256
/// of its manifest. A journal found in an environment is data someone else may have written (the folder came from
/// a clone, an archive, another user); recovery and undo act on it only when it is listed here and its manifest
/// still hashes to what we recorded. The id alone (<c>begun</c>) is listed from before the manifest exists, so a
/// run killed while saving originals can still be cleaned up.
/// </summary>
internal sealed partial class JournalRegistry(JournalStore store)
{
    private const string Begun = "begun";
    private const string FolderName = "journals";

    private string Folder => store.Folder(FolderName);

    /// <summary>Ids are ours (<see cref="RepairJournal.NewId"/>): a timestamp and six hex digits; nothing else is ever used as a file name.</summary>
    public static bool IsWellFormedId(string id) => IdPattern().IsMatch(id);

    /// <summary>Lists the id before anything of the journal is written.</summary>
    public void RecordBegun(string id) => Write(id, Begun);

    /// <summary>Records the manifest's hash; called with the exact bytes just written.</summary>
    public void RecordManifest(string id, ReadOnlySpan<byte> manifest) => Write(id, Convert.ToHexString(SHA256.HashData(manifest)));

    /// <summary>True when the id is listed at all (begun, or with a manifest).</summary>
    public bool IsListed(string id) => Read(id) is not null;

    /// <summary>True when the id is listed with exactly this manifest.</summary>
    public bool Matches(string id, ReadOnlySpan<byte> manifest) =>
        Read(id) is { } recorded && recorded != Begun
        && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(recorded), SHA256.HashData(manifest));

    public void Forget(string id)
    {
        if (!IsWellFormedId(id)) return;
        try { File.Delete(Path.Combine(Folder, id)); }
        catch (IOException) { } // Best effort: an unlisted journal is only ever reported, never acted on.
        catch (UnauthorizedAccessException) { }
    }

    private void Write(string id, string content)
    {
        if (!IsWellFormedId(id)) throw new RepairException($"'{id}' is not a journal id.");
        var folder = store.WritableFolder(FolderName);
        var temp = Path.Combine(folder, $".{id}.tmp");
        File.WriteAllText(temp, content);
        File.Move(temp, Path.Combine(folder, id), overwrite: true);
    }

    private string? Read(string id)
    {
        if (!IsWellFormedId(id)) return null;
        var path = Path.Combine(Folder, id);
        return WorkspaceFile.TryReadText(path, FileKind.JournalIndex)?.Trim();
    }

    [GeneratedRegex("^[0-9]{8}T[0-9]{9}-[0-9a-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
