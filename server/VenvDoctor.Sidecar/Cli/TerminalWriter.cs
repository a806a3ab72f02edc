using System.Runtime.CompilerServices;
using VenvDoctor.Core.Display;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// Where every line the CLI prints in text mode goes (stdout and stderr alike). A line is an interpolated string
/// (<see cref="TerminalLine"/>): its literal parts are ours and printed as written, every value put into it (a path,
/// a finding's message, a settings value, an exception's message) is printed through <see cref="TerminalText.Escape"/>.
/// There is no overload taking a plain string, so a new line cannot print a workspace's text raw by mistake. Colour
/// is the writer's to add, never part of a value. <c>--json</c> output does not come here: the JSON writer escapes.
/// </summary>
internal sealed class TerminalWriter(TextWriter output, bool colour = false)
{
    public const string Red = "\e[31m", Yellow = "\e[33m", Green = "\e[32m", Dim = "\e[2m";
    private const string Reset = "\e[0m";

    public static TerminalWriter Out => new(Console.Out);
    public static TerminalWriter Error => new(Console.Error);

    /// <summary>The line as text, for a writer that must stay asynchronous (watch events): values escaped as in <see cref="WriteLine(ref TerminalLine)"/>.</summary>
    public static string Line(ref TerminalLine line) => line.ToStringAndClear();

    public void WriteLine() => output.WriteLine();

    public void WriteLine(ref TerminalLine line) => output.WriteLine(line.ToStringAndClear());

    /// <summary>The line in a colour (one of the constants above) when this writer paints.</summary>
    public void WriteLine(string colourCode, ref TerminalLine line)
    {
        var text = line.ToStringAndClear();
        output.WriteLine(colour ? colourCode + text + Reset : text);
    }
}

/// <summary>An interpolated line whose values are escaped for the terminal (<see cref="TerminalText"/>) and whose literal parts are not.</summary>
[InterpolatedStringHandler]
internal ref struct TerminalLine
{
    private DefaultInterpolatedStringHandler text;

    public TerminalLine(int literalLength, int formattedCount) => text = new DefaultInterpolatedStringHandler(literalLength, formattedCount);

    public void AppendLiteral(string literal) => text.AppendLiteral(literal);

    public void AppendFormatted<T>(T value) => text.AppendLiteral(TerminalText.Escape(value?.ToString()));

    /// <summary>A padded value (<c>{x,-11}</c>): padded after escaping, so columns line up with what is shown.</summary>
    public void AppendFormatted<T>(T value, int alignment) => text.AppendFormatted(TerminalText.Escape(value?.ToString()), alignment);

    public string ToStringAndClear() => text.ToStringAndClear();
}
