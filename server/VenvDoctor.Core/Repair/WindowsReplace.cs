namespace VenvDoctor.Core.Repair;

/// <summary>
/// <see cref="AtomicFiles"/>' replace on Windows, with no POSIX call (no modes, owners, link(2) or rename(2)): the
/// new bytes are written beside the file and moved over it with <c>MoveFileEx(MOVEFILE_REPLACE_EXISTING)</c>
/// (<see cref="File.Move(string, string, bool)"/>), which replaces the name in one step on the same volume. A Windows
/// venv's files carry no permission bits to keep (their ACLs are inherited from the folder).
/// </summary>
internal static class WindowsReplace
{
    public static void WriteFile(string path, byte[] content, string temp)
    {
        if (File.Exists(temp)) File.Delete(temp);
        using (var fs = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 }))
            fs.Write(content);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>A saved original back at <paramref name="path"/>: copied beside it (the journal keeps its copy), then moved over it.</summary>
    public static void RestoreFile(string saved, string path, string temp)
    {
        if (File.Exists(temp)) File.Delete(temp);
        File.Copy(saved, temp);
        File.Move(temp, path, overwrite: true);
    }
}
