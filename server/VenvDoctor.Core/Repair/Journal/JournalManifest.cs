using System.Text.Json.Serialization;

namespace VenvDoctor.Core.Repair.Journal;

/// <summary>
/// What a journal records before the first write: every path the repair will change and how to put it back.
/// Paths inside the environment are stored relative to it, so the journal stays valid when the folder moves.
/// </summary>
internal sealed class JournalManifest
{
    /// <summary>2: a recreate's kept folder is a <c>rename-folder</c> entry (in 1 it was a separate <c>aside</c> field).</summary>
    public int FormatVersion { get; set; } = 2;
    public required string Id { get; set; }
    public required string Action { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset Created { get; set; }
    /// <summary>Where the environment was when the repair ran (for display; entries are relative).</summary>
    public required string EnvironmentPath { get; set; }
    public List<JournalEntry> Entries { get; set; } = [];
    /// <summary>Folders the repair created (relative or absolute), removed again by undo when empty.</summary>
    public List<string> CreatedFolders { get; set; } = [];
    /// <summary>Format 1 only (read, never written): recreate's kept folder, now a <c>rename-folder</c> entry (see <see cref="RepairJournal.Open"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Aside { get; set; }
}

/// <summary>
/// One changed path and what it was before: a file (saved under <see cref="Saved"/>), a link, or nothing; or, for
/// recreate's <c>rename-folder</c> entry, <c>folder</c>: the whole environment, kept at <see cref="Path"/> (its
/// hidden sibling, the one absolute path besides the settings file), which undo swaps back.
/// </summary>
internal sealed class JournalEntry
{
    public required string Path { get; set; }
    public required string Operation { get; set; }
    /// <summary><c>file</c>, <c>link</c>, <c>absent</c> or <c>folder</c>.</summary>
    public required string Before { get; set; }
    public string? LinkTarget { get; set; }
    /// <summary>The saved original, relative to the journal folder.</summary>
    public string? Saved { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(JournalManifest))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
