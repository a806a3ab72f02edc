using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Tests.Anatomy;

public class PyvenvConfigTests
{
    [Fact]
    public void Reads_crlf_bom_comments_duplicates_and_spans()
    {
        var text = "\uFEFF# made by hand\r\nhome = /usr/bin\r\n; other comment\r\n\r\nversion = 3.11.2\r\nHome=/opt/py/bin  \r\ninclude-system-site-packages = true\r\n";
        var cfg = PyvenvConfigParser.Parse("pyvenv.cfg", text);
        Assert.Empty(cfg.Errors);
        Assert.Equal("/opt/py/bin", cfg.Home); // last duplicate wins, as in site.py
        Assert.Equal("3.11.2", cfg.Version);
        Assert.Equal("3.11", cfg.Minor);
        Assert.True(cfg.IncludeSystemSitePackages);
        var home = cfg.Entry("home")!;
        Assert.Equal(6, home.Line);
        Assert.Equal("/opt/py/bin", text.Substring(home.ValueStart, home.ValueLength));
    }

    [Fact]
    public void Garbage_is_a_parse_error_with_its_line_and_the_rest_is_kept()
    {
        var cfg = PyvenvConfigParser.Parse("pyvenv.cfg", "home = /usr/bin\nthis is not a setting\nversion = 3.12.1\n");
        var error = Assert.Single(cfg.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("line 2", error.Message);
        Assert.Equal("/usr/bin", cfg.Home);
        Assert.Equal("3.12.1", cfg.Version);
    }

    [Fact]
    public void Binary_or_empty_file_is_an_error_not_an_exception()
    {
        using var tmp = new Support.TempDir();
        var file = tmp.Combine("pyvenv.cfg");
        File.WriteAllBytes(file, [0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 1, 2]);
        Assert.NotEmpty(PyvenvConfigParser.Read(file).Errors);
        File.WriteAllText(file, "");
        Assert.NotEmpty(PyvenvConfigParser.Read(file).Errors);
        File.WriteAllBytes(file, [(byte)'h', (byte)'=', 0xC3, 0x28]);
        Assert.Contains("UTF-8", PyvenvConfigParser.Read(file).Errors[0].Message);
    }

    [Theory]
    [InlineData("/p/bin/python3.13 -m venv /home/me/proj/.venv", "/home/me/proj/.venv")]
    [InlineData("/p/bin/python3.13 -m venv --prompt=\"my proj\" --copies /a b/it's", "/a b/it's")]
    [InlineData("/p/bin/python3 -m venv --without-pip --upgrade /tmp/x", "/tmp/x")]
    [InlineData("C:\\Python313\\python.exe -m venv C:\\work\\.venv", "C:\\work\\.venv")]
    public void Command_target_is_the_last_argument_located_in_the_file(string command, string expected)
    {
        var text = $"home = /p/bin\ncommand = {command}\n";
        var target = PyvenvConfigParser.Parse("cfg", text).CommandTarget()!;
        Assert.Equal(expected, target.Value);
        Assert.Equal(expected, text.Substring(target.Start, target.Length));
        Assert.Equal(2, target.Line);
        Assert.Equal(RecordKind.PyvenvCommand, target.Kind);
    }

    [Fact]
    public void Reads_virtualenv_and_uv_keys_and_a_repr_prompt()
    {
        var venv = PyvenvConfigParser.Parse("c", "home = /usr/bin\nversion_info = 3.12.1.final.0\nvirtualenv = 20.17.1\nbase-prefix = /usr\nbase-executable = /usr/bin/python3.12\n");
        Assert.Equal("3.12.1", venv.Version);
        Assert.Equal("20.17.1", venv.Virtualenv);
        Assert.Equal("/usr/bin/python3.12", venv.BaseExecutable);
        Assert.Contains(venv.RecordedPaths(), p => p.Kind == RecordKind.PyvenvBasePrefix && p.Value == "/usr");

        var uv = PyvenvConfigParser.Parse("c", "home = /usr/bin\nimplementation = CPython\nuv = 0.4.18\nversion_info = 3.12.1\nrelocatable = true\nprompt = 'my proj'\n");
        Assert.Equal("0.4.18", uv.Uv);
        Assert.True(uv.Relocatable);
        Assert.Equal("my proj", uv.Prompt);
        Assert.Equal("it's", PyvenvConfigParser.Parse("c", "prompt = \"it's\"\n").Prompt);
        Assert.Equal("plain", PyvenvConfigParser.Parse("c", "prompt = plain\n").Prompt);
    }
}
