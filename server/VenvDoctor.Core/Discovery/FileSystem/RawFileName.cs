using System.Buffers;
using System.Text;

namespace VenvDoctor.Core.Discovery.FileSystem;

/// <summary>
/// A file name as the file system gives it (bytes) when it is not valid UTF-8. .NET decodes names lossily (each bad
/// byte becomes U+FFFD), so such a name can be neither opened by its string nor told apart from another; we keep
/// the bytes to open it, and show it with each byte that is not part of valid UTF-8 written <c>\xNN</c>.
/// </summary>
public static class RawFileName
{
    public static bool IsValidUtf8(ReadOnlySpan<byte> name) => System.Text.Unicode.Utf8.IsValid(name);

    /// <summary>The name for display: valid UTF-8 as it is, each other byte as <c>\xNN</c>.</summary>
    public static string Shown(ReadOnlySpan<byte> name)
    {
        var sb = new StringBuilder(name.Length + 8);
        while (!name.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(name, out var rune, out var consumed);
            if (status == OperationStatus.Done) sb.Append(rune.ToString());
            else for (var i = 0; i < consumed; i++) sb.Append($"\\x{name[i]:X2}");
            name = name[consumed..];
        }
        return sb.ToString();
    }
}
