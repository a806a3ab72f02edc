using System.Text;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// Generates paths a hostile (or merely unlucky) file system can hold: quotes, <c>$</c>, backticks, <c>!</c>,
/// backslashes, blanks, non-ASCII, emoji, control characters and line breaks where asked for, and one path over
/// 300 bytes. Seeded, so a failure names a path that the next run generates again.
/// </summary>
public static class HostilePaths
{
    /// <summary>Pieces that break one quoting or another, each on its own and in company.</summary>
    private static readonly string[] Pieces =
    [
        "\"", "'", "$", "$(id)", "${HOME}", "`id`", "!", "!!", "\\", "\\\\", "\\'", "\\x41", "\\N", "\\u00e9", " ", "  ",
        "é", "日本", "😀", "ß", ";", "&", "|", "*", "?", "[a]", "{b,c}", "#", "~", "%", "%PATH%", "'\\''", "'''", "\"\"\"",
        "-", "=", "'#", "r#'", "@", "^", "(", ")", "<", ">", ",",
    ];

    private static readonly string[] LineBreaks = ["\n", "\n\n", "\r\n"];
    private static readonly string[] Controls = ["\t", "\x01", "\x1b[31m", "\x7f", "\u0085", "\u00a0", "\u200b", "\u2028"];

    /// <summary><paramref name="count"/> absolute paths (components at most 255 bytes, no NUL), the long one among them.</summary>
    public static IReadOnlyList<string> Generate(int count, int seed, bool lineBreaks, bool controls)
    {
        var random = new Random(seed);
        var paths = new List<string> { Long(), "/q\"uo'te $HOME `id` !! back\\slash sp  ace/é 日本 😀 ~*?[a]{b,c};&|<>#%" };
        if (lineBreaks) paths.Add("/line\nbreak/ends\n");
        if (controls) paths.Add("/c\x01o\x1b[31mn\x7ftrol\u0085\u2028\t");
        while (paths.Count < count)
        {
            var sb = new StringBuilder();
            var components = random.Next(1, 4);
            for (var c = 0; c < components; c++)
            {
                sb.Append('/');
                var parts = random.Next(1, 6);
                for (var p = 0; p < parts; p++)
                {
                    var roll = random.Next(20);
                    sb.Append(roll switch
                    {
                        0 when lineBreaks => LineBreaks[random.Next(LineBreaks.Length)],
                        1 when controls => Controls[random.Next(Controls.Length)],
                        < 5 => "ab"[random.Next(2)] + "cd",
                        _ => Pieces[random.Next(Pieces.Length)],
                    });
                }
            }
            paths.Add(sb.ToString());
        }
        return paths;
    }

    /// <summary>A path of more than 300 UTF-8 bytes made of names the file system allows (each under 255 bytes).</summary>
    public static string Long() =>
        "/" + string.Concat(Enumerable.Repeat("é😀 '$", 20)) + "/" + new string('l', 120) + "/" + string.Concat(Enumerable.Repeat("日本\"!", 10));

    /// <summary>The path as an escaped one-line string, for a failure message.</summary>
    public static string Show(string path)
    {
        var sb = new StringBuilder();
        foreach (var c in path) sb.Append(c < 0x20 || c == 0x7f ? $"\\x{(int)c:x2}" : c.ToString());
        return sb.ToString();
    }
}
