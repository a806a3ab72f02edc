using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Tests.Anatomy;

public class ActivationScriptTests
{
    private const string Odd = "/a b/it's";

    public static TheoryData<string, string, string, string> Formats() => new()
    {
        // shell, script text, expected path, expected format
        { "sh", "VIRTUAL_ENV=\"/home/me/.venv\"\nexport VIRTUAL_ENV\n", "/home/me/.venv", RecordedPathFormats.ShDoubleQuoted },
        { "sh", "if [ \"$OSTYPE\" = \"cygwin\" ] || [ \"$OSTYPE\" = \"msys\" ] ; then\n    export VIRTUAL_ENV=$(cygpath \"/a b/v\")\nelse\n    export VIRTUAL_ENV=\"/a b/v\"\nfi\n", "/a b/v", RecordedPathFormats.ShDoubleQuoted },
        { "sh", "case \"$(uname)\" in\n    CYGWIN*|MSYS*)\n        VIRTUAL_ENV=$(cygpath \"/v\")\n        ;;\n    *)\n        export VIRTUAL_ENV=\"/v\"\n        ;;\nesac\n", "/v", RecordedPathFormats.ShDoubleQuoted },
        { "sh", "VIRTUAL_ENV=/tmp/vdx/deb\nexport VIRTUAL_ENV\n", "/tmp/vdx/deb", RecordedPathFormats.ShCveQuoted },
        { "sh", "VIRTUAL_ENV='/a b/it'\"'\"'s'\nexport VIRTUAL_ENV\n", Odd, RecordedPathFormats.ShCveQuoted },
        { "sh", "VIRTUAL_ENV=\"/it's \\\"q\\\" \\$x\"\n", "/it's \"q\" $x", RecordedPathFormats.ShDoubleQuoted },
        { "sh", "VIRTUAL_ENV='/tmp/ve'\nif ([ \"$OSTYPE\" = \"cygwin\" ]) then\n    VIRTUAL_ENV=$(cygpath -u \"$VIRTUAL_ENV\")\nfi\n", "/tmp/ve", RecordedPathFormats.SingleQuoted },
        { "sh", "VIRTUAL_ENV='/a b/it'\\''s'\n", Odd, RecordedPathFormats.SingleQuoted },
        { "csh", "setenv VIRTUAL_ENV \"/home/me/v\"\n\nset _OLD_VIRTUAL_PATH=\"$PATH\"\n", "/home/me/v", RecordedPathFormats.Csh },
        { "csh", "setenv VIRTUAL_ENV '/a b/it'\"'\"'s'\n", Odd, RecordedPathFormats.CshCveQuoted },
        { "fish", "set -gx VIRTUAL_ENV \"/home/me/v\"\nset -gx _OLD_VIRTUAL_PATH $PATH\n", "/home/me/v", RecordedPathFormats.Fish },
        { "fish", "set -gx VIRTUAL_ENV '/a b/it'\"'\"'s'\n", Odd, RecordedPathFormats.FishSingleQuoted },
        { "nu", "    let virtual_env = '/home/me/v'\n    let bin = 'bin'\n", "/home/me/v", RecordedPathFormats.Nu },
        { "bat", "@echo off\r\nset \"VIRTUAL_ENV=C:\\Users\\me\\my env\"\r\n", "C:\\Users\\me\\my env", RecordedPathFormats.Bat },
        { "bat", "@set \"VIRTUAL_ENV=C:\\v\"\r\n", "C:\\v", RecordedPathFormats.Bat },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Finds_every_recorded_path_with_its_exact_span_and_format(string shell, string text, string expected, string format)
    {
        var script = ActivationScripts.Parse("activate", shell, text);
        Assert.False(script.Relocatable);
        Assert.NotEmpty(script.Paths);
        foreach (var p in script.Paths)
        {
            Assert.Equal(expected, p.Value);
            Assert.Equal(format, p.Format);
            var token = text.Substring(p.Start, p.Length);
            // The same encoding writes the same token back: a repair keeps the file's quoting.
            Assert.Equal(token, RecordedPathFormats.Encode(format, p.Value));
            Assert.Equal(text[..p.Start].Count(c => c == '\n') + 1, p.Line);
        }
    }

    [Fact]
    public void Cygwin_branch_and_main_branch_are_both_located()
    {
        var text = "case \"$(uname)\" in\n    CYGWIN*|MSYS*)\n        VIRTUAL_ENV=$(cygpath \"/v\")\n        ;;\n    *)\n        export VIRTUAL_ENV=\"/v\"\n        ;;\nesac\n";
        Assert.Equal([3, 6], ActivationScripts.Parse("activate", "sh", text).Paths.Select(p => p.Line));
    }

    [Theory]
    [InlineData("sh", "VIRTUAL_ENV=''\"$(dirname -- \"$(CDPATH= cd -- \"$(dirname -- ${SH_FILE:-$0})\" && echo \"$PWD\")\")\"''\nexport VIRTUAL_ENV\n")]
    [InlineData("sh", "VIRTUAL_ENV=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\" && pwd)\"\n")]
    [InlineData("bat", "@for %%i in (\"%~dp0..\") do @set \"VIRTUAL_ENV=%%~fi\"\r\n")]
    public void Relocatable_forms_are_recognised_not_recorded(string shell, string text)
    {
        var script = ActivationScripts.Parse("activate", shell, text);
        Assert.Empty(script.Paths);
        Assert.True(script.Relocatable);
    }

    [Fact]
    public void Virtualenv_self_reference_is_neither_a_path_nor_relocatable()
    {
        var text = "VIRTUAL_ENV='/v'\nif ([ \"$OSTYPE\" = \"cygwin\" ]) then\n    VIRTUAL_ENV=$(cygpath \"$VIRTUAL_ENV\")\nfi\nexport VIRTUAL_ENV\n_OLD_VIRTUAL_ENV=x\nVIRTUAL_ENV_PROMPT=p\n";
        var p = Assert.Single(ActivationScripts.Parse("activate", "sh", text).Paths);
        Assert.Equal("/v", p.Value);
    }
}
