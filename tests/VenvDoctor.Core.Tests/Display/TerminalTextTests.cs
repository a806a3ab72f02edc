using VenvDoctor.Core.Display;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Display;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\e]0;pwned\a", "\\x1b]0;pwned\\x07")]
    [InlineData("\e[2J", "\\x1b[2J")]
    [InlineData("a\nb\r\tc", "a\\nb\\r\\tc")]
    [InlineData("del\u007f c1\u0085\u009b", "del\\x7f c1\\x85\\x9b")]
    [InlineData("bidi\u202eevil\u2066", "bidi\\u202eevil\\u2066")]
    public void Control_characters_are_shown_escaped(string raw, string shown) =>
        Assert.Equal(shown, TerminalText.Escape(raw));

    [Fact] // not inline data: xunit's serialisation of test cases replaces a lone surrogate
    public void A_lone_surrogate_is_shown_escaped_and_a_pair_is_kept()
    {
        Assert.Equal("half\\ud800 other half\\udc00", TerminalText.Escape("half\ud800 other half\udc00"));
        Assert.Equal("\\udc00\U0001F40D\\ud800", TerminalText.Escape("\udc00\U0001F40D\ud800"));
    }

    [Theory]
    [InlineData("/home/me/caf\u00e9/.venv")]
    [InlineData("snake \U0001F40D and a\\b C:\\Users")]
    [InlineData("x;touch y;# $(touch z) `q` 'a' \"b\"")]
    public void Printable_text_is_returned_as_it_is(string text) => Assert.Same(text, TerminalText.Escape(text));

    [Fact]
    public void Generated_hostile_text_escapes_to_text_with_no_control_character_and_escaping_again_changes_nothing()
    {
        foreach (var raw in HostileText.Generate(2000, loneSurrogates: true).Concat(HostileText.Notable))
        {
            var shown = TerminalText.Escape(raw);
            Assert.False(HostileText.HasRawControl(shown), $"raw control character left in {shown}");
            Assert.DoesNotContain('\n', shown);
            Assert.Equal(shown, TerminalText.Escape(shown));
            Assert.Equal(TerminalText.IndexOfUnsafe(raw) < 0, ReferenceEquals(raw, shown));
        }
    }
}
