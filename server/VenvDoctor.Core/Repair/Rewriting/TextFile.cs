using System.Text;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// A text file read so that writing it back changes only what was edited: a UTF-8 byte-order mark is kept,
/// invalid UTF-8 is refused (such a file is not edited as text), and offsets match <c>File.ReadAllText</c>
/// (which drops the mark), as the anatomy readers' spans do.
/// </summary>
public sealed class TextFile
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly bool bom;

    /// <summary>The largest file a repair edits as text (<see cref="FileKind.EditedText"/>'s cap).</summary>
    public static int MaxBytes => FileCaps.Of(FileKind.EditedText);

    public string Path { get; }
    public string Text { get; }

    private TextFile(string path, string text, bool bom)
    {
        Path = path;
        Text = text;
        this.bom = bom;
    }

    /// <summary>
    /// The file's bytes, read without blocking: a FIFO or device planted under the name is refused, never read, and a
    /// file over <see cref="FileKind.EditedText"/>'s cap is not a script or config file; the failure is one line
    /// naming the file and why.
    /// </summary>
    internal static byte[] ReadBytes(string path)
    {
        try { return WorkspaceFile.ReadBytes(path, FileKind.EditedText); }
        catch (FileRefusedException e) when (e.Read.Refusal == FileRefusal.OverCap) { throw new TextFileTooLargeException(path); }
        catch (FileRefusedException e) { throw new RepairException($"Not edited: {e.Message}."); }
        catch (IOException e) { throw new RepairException($"Cannot read {path}: {e.Message}."); }
        catch (UnauthorizedAccessException) { throw new RepairException($"Cannot read {path}: permission denied."); }
    }

    /// <summary>Null when the file is not valid UTF-8 or has NUL bytes (binary: never edited as text).</summary>
    public static TextFile? TryRead(string path)
    {
        var bytes = ReadBytes(path);
        if (Array.IndexOf(bytes, (byte)0) >= 0) return null;
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        try { return new TextFile(path, Strict.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)), bom); }
        catch (DecoderFallbackException) { return null; }
    }

    public byte[] Encode(string text)
    {
        var body = Strict.GetBytes(text);
        if (!bom) return body;
        var withBom = new byte[body.Length + 3];
        withBom[0] = 0xEF; withBom[1] = 0xBB; withBom[2] = 0xBF;
        body.CopyTo(withBom, 3);
        return withBom;
    }

    /// <summary>The whole lines touched by a span, for the plan's before/after display.</summary>
    public static string LinesAround(string text, int start, int length)
    {
        var from = start <= 0 ? 0 : text.LastIndexOf('\n', Math.Min(start, text.Length) - 1) + 1;
        var to = text.IndexOf('\n', Math.Min(start + length, text.Length));
        return text[from..(to < 0 ? text.Length : to)].TrimEnd('\r');
    }
}

/// <summary>
/// A file over <see cref="FileKind.EditedText"/>'s cap: the bounded read itself found it (a size from stat is never
/// trusted), so a caller that leaves such a file rather than stop the repair catches this one.
/// </summary>
public sealed class TextFileTooLargeException(string path)
    : RepairException($"Not edited: {path} is over the {TextFile.MaxBytes >> 20} MiB a repair edits as text.")
{
    /// <summary>Why the file is left, to follow its name.</summary>
    public string Reason => $"over the {TextFile.MaxBytes >> 20} MiB a repair edits as text";
}
