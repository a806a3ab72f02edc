using VenvDoctor.Sidecar.Cli;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>The CLI's text writers: our literals and colours as written, every value escaped for the terminal.</summary>
public sealed class TerminalWriterTests
{
    [Fact]
    public void A_line_escapes_its_values_and_keeps_its_literals_and_colour()
    {
        var text = new StringWriter { NewLine = "\n" };
        var name = "\e]0;pwned\a";
        new TerminalWriter(text, colour: true).WriteLine(TerminalWriter.Red, $"moved {name}\tto {"a\nb"}");
        Assert.Equal("\e[31mmoved \\x1b]0;pwned\\x07\tto a\\nb\e[0m\n", text.ToString());
    }

    [Fact]
    public void A_padded_value_is_padded_after_escaping_so_columns_line_up_with_what_is_shown()
    {
        var text = new StringWriter { NewLine = "\n" };
        new TerminalWriter(text).WriteLine($"{"\e",-6}|{"ok",-6}|");
        Assert.Equal("\\x1b  |ok    |\n", text.ToString());
    }

    [Fact]
    public void Without_colour_no_escape_sequence_is_written()
    {
        var text = new StringWriter { NewLine = "\n" };
        new TerminalWriter(text, colour: false).WriteLine(TerminalWriter.Dim, $"PATH");
        Assert.Equal("PATH\n", text.ToString());
    }

    [Fact]
    public void The_escaping_writer_for_others_lines_keeps_newlines_and_whole_pairs_and_escapes_the_rest()
    {
        var text = new StringWriter();
        var writer = new EscapingTextWriter(text);
        writer.Write("warn: \e[2J /w/caf\u00e9\n");
        foreach (var c in "\U0001F40D\ud800") writer.Write(c); // a pair written one half at a time, then half of one
        writer.Flush();
        Assert.Equal("warn: \\x1b[2J /w/caf\u00e9\n\U0001F40D\\ud800", text.ToString());
    }
}
