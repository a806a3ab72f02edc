using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Tests.Anatomy;

/// <summary>pyvenv.cfg values are read by the format table's cfg-value reader: what detection reads is what a rewrite writes back.</summary>
public class PyvenvConfigValueReaderTests
{
    [Theory]
    [InlineData("/usr/bin")]
    [InlineData("/opt/my python/bin")]
    [InlineData("/opt/caf\u00e9/\U0001F40D/bin")]
    [InlineData("/p/with = sign/bin")]
    public void Every_value_written_by_the_cfg_format_is_read_back_as_the_same_value_and_span(string path)
    {
        var token = RecordedPathFormats.Encode(RecordedPathFormats.CfgValue, path);
        var text = $"home = {token}\nversion = 3.12.1\n";
        var entry = PyvenvConfigParser.Parse("pyvenv.cfg", text).Entry("home")!;
        Assert.Equal(path, entry.Value);
        Assert.Equal(token, text.Substring(entry.ValueStart, entry.ValueLength));
        Assert.Equal(RecordedPathFormats.Read(RecordedPathFormats.CfgValue, text, text.IndexOf('=') + 1)!.Value.Value, entry.Value);
    }

    [Fact]
    public void Blanks_around_a_value_are_trimmed_as_site_py_strips_them_and_an_empty_value_is_empty()
    {
        var text = "home =\u00a0/usr/bin\u3000\nprompt =\t \nversion = 3.12.1\n";
        var cfg = PyvenvConfigParser.Parse("pyvenv.cfg", text);
        Assert.Equal("/usr/bin", cfg.Home);
        var prompt = cfg.Entry("prompt")!;
        Assert.Equal("", prompt.Value);
        Assert.Equal(0, prompt.ValueLength);
    }
}
