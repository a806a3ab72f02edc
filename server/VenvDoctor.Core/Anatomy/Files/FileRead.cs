using System.Text;

namespace VenvDoctor.Core.Anatomy.Files;

/// <summary>Why a file was not read.</summary>
public enum FileRefusal
{
    /// <summary>Read completely.</summary>
    None,
    /// <summary>Nothing carries the name (or it vanished before it was opened).</summary>
    Missing,
    /// <summary>A FIFO, socket, device or folder: never opened for reading, so never blocks.</summary>
    NotRegular,
    /// <summary>Larger than its kind's cap (<see cref="FileCaps"/>): at most the cap was ever held.</summary>
    OverCap,
    /// <summary>Permission denied, a loop of links, an I/O error.</summary>
    Unreadable,
}

/// <summary>
/// A file read by <see cref="WorkspaceFile"/>: its bytes, or why it was refused (<see cref="Reason"/> reads after the
/// path: "/x/pyvenv.cfg is a FIFO, not a regular file").
/// </summary>
public sealed record FileRead(string Path, FileKind Kind, byte[]? Bytes, FileRefusal Refusal, string? Detail = null)
{
    public bool Ok => Refusal == FileRefusal.None;

    /// <summary>The bytes as UTF-8 text, a byte-order mark dropped (as <c>File.ReadAllText</c> gives it, so spans match); null when refused.</summary>
    public string? Text => Bytes is null ? null : WorkspaceFile.Decode(Bytes);

    /// <summary>Why it was refused, to follow the path; null when read.</summary>
    public string? Reason => Refusal switch
    {
        FileRefusal.None => null,
        FileRefusal.Missing => "does not exist",
        FileRefusal.NotRegular => $"is {Detail ?? "not a regular file"}, not a regular file",
        FileRefusal.OverCap => $"is larger than the {FileCaps.Shown(Kind)} read of such a file",
        _ => $"cannot be read ({Detail ?? "I/O error"})",
    };

    /// <summary>Path and reason in one line.</summary>
    public string Message => $"{Path} {Reason}";

    /// <summary>The bytes, or a <see cref="FileRefusedException"/> (an IOException) naming the file and the reason.</summary>
    public byte[] BytesOrThrow() => Bytes ?? throw new FileRefusedException(this);

    public string TextOrThrow() => Text ?? throw new FileRefusedException(this);
}

/// <summary>A refused read, for callers that already turn an IOException into their finding or skipped entry.</summary>
public sealed class FileRefusedException(FileRead read) : IOException(read.Message)
{
    public FileRead Read => read;
}
