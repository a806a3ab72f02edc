using System.IO.Compression;
using System.Text;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Anatomy;

public class ConsoleScriptTests
{
    [Theory]
    [InlineData("#!/home/me/v/bin/python3.11\n# -*- coding: utf-8 -*-\nimport re\n", "/home/me/v/bin/python3.11", RecordKind.Shebang, 1)]
    [InlineData("#!/home/me/v/bin/python -E\r\nimport re\r\n", "/home/me/v/bin/python", RecordKind.Shebang, 1)]
    [InlineData("#!/bin/sh\n'''exec' /long/v/bin/python \"$0\" \"$@\"\n' '''\n", "/long/v/bin/python", RecordKind.ShebangExecForm, 2)]
    [InlineData("#!/bin/sh\n'''exec' \"/a b/it's/bin/python3.11\" \"$0\" \"$@\"\n' '''\n", "/a b/it's/bin/python3.11", RecordKind.ShebangExecForm, 2)]
    public void Reads_both_shebang_forms_with_exact_spans(string text, string expected, RecordKind kind, int line)
    {
        var script = ConsoleScripts.Parse("pip", text);
        var p = script.Interpreter!;
        Assert.Equal(expected, p.Value);
        Assert.Equal(kind, p.Kind);
        Assert.Equal(line, p.Line);
        Assert.Equal(text.Substring(p.Start, p.Length), RecordedPathFormats.Encode(p.Format, p.Value));
    }

    [Theory]
    [InlineData("#!/usr/bin/env python3\nprint(1)\n")]
    [InlineData("#!/bin/sh\necho hi\n")]
    [InlineData("plain text, no shebang\n")]
    public void Scripts_without_a_recorded_interpreter_record_nothing(string text) =>
        Assert.Null(ConsoleScripts.Parse("x", text).Interpreter);

    [Fact]
    public void Uv_relocatable_exec_form_is_relocatable()
    {
        var script = ConsoleScripts.Parse("x", "#!/bin/sh\n'''exec' \"$(dirname -- \"$(realpath -- \"$0\")\")\"/'python' \"$0\" \"$@\"\n' '''\n");
        Assert.Null(script.Interpreter);
        Assert.True(script.Relocatable);
    }

    [Fact]
    public void Long_paths_written_in_exec_form_are_read_from_the_file()
    {
        using var tmp = new TempDir();
        var venv = tmp.Combine(new string('x', 140), "it's env");
        Directory.CreateDirectory(Path.Combine(venv, "bin"));
        var interpreter = Path.Combine(venv, "bin", "python3.12");
        var file = Venvs.WriteConsoleScript(venv, "tool", interpreter);
        var script = ConsoleScripts.Read(file);
        Assert.Equal(interpreter, script.Interpreter!.Value);
        Assert.Equal(RecordKind.ShebangExecForm, script.Interpreter.Kind);
        Assert.Equal(File.ReadAllText(file).Substring(script.Interpreter.Start, script.Interpreter.Length), RecordedPathFormats.Encode(RecordedPathFormats.ExecForm, interpreter));
    }

    [Fact]
    public void Binaries_are_detected_and_never_parsed()
    {
        using var tmp = new TempDir();
        var elf = Pythons.Any?.Executable ?? "/bin/ls";
        Assert.Equal(BinaryKind.Elf, ConsoleScripts.Read(elf).Binary);
        var pyc = tmp.Combine("x.pyc");
        File.WriteAllBytes(pyc, [0xCB, 0x0D, 0x0D, 0x0A, 0, 0, 0, 0]);
        Assert.Equal(BinaryKind.Pyc, ConsoleScripts.Read(pyc).Binary);
    }

    [Fact]
    public void Windows_launcher_shebang_is_read_before_the_appended_zip()
    {
        using var tmp = new TempDir();
        var exe = tmp.Combine("pip.exe");
        using (var fs = File.Create(exe))
        {
            var launcher = new byte[4096];
            launcher[0] = (byte)'M';
            launcher[1] = (byte)'Z';
            fs.Write(launcher);
            fs.Write(Encoding.UTF8.GetBytes("#!C:\\Users\\me\\my proj\\.venv\\Scripts\\python.exe\r\n"));
            using var zipStream = new MemoryStream();
            using (var zip = new ZipArchive(zipStream, ZipArchiveMode.Create, leaveOpen: true))
            using (var w = new StreamWriter(zip.CreateEntry("__main__.py").Open()))
                w.Write("import sys\n");
            fs.Write(zipStream.ToArray());
        }
        var script = ConsoleScripts.Read(exe);
        Assert.Equal(BinaryKind.WindowsExecutable, script.Binary);
        Assert.Equal("C:\\Users\\me\\my proj\\.venv\\Scripts\\python.exe", script.Interpreter!.Value);
        Assert.Equal(4096 + 2, script.Interpreter.Start);
    }
}
