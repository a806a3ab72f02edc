using System.IO.Compression;
using System.Text;
using VenvDoctor.Core.Repair.Rewriting;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// distlib-style Windows launchers ([exe][#!shebang\r\n][zip]): the shebang is replaced and the appended zip stays
/// readable by Python's own zipfile (which is how the launcher's Python reads it), whatever the new length.
/// </summary>
public sealed class WindowsLauncherTests
{
    private static byte[] Launcher(string shebang)
    {
        using var zipBytes = new MemoryStream();
        using (var zip = new ZipArchive(zipBytes, ZipArchiveMode.Create, leaveOpen: true))
        using (var s = zip.CreateEntry("__main__.py").Open())
            s.Write("import sys; print('launcher main')\n"u8);
        var exe = new byte[512];
        exe[0] = (byte)'M'; exe[1] = (byte)'Z';
        return [.. exe, .. Encoding.UTF8.GetBytes($"#!{shebang}\r\n"), .. zipBytes.ToArray()];
    }

    [PythonFact]
    public void The_shebang_is_replaced_and_the_zip_still_reads()
    {
        using var tmp = new TempDir();
        var file = tmp.Combine("tool.exe");
        File.WriteAllBytes(file, Launcher(@"C:\old\venv\Scripts\python.exe"));

        var rewritten = WindowsLauncher.Rewrite(file, @"D:\a much longer new place\venv\Scripts\python.exe");

        Assert.NotNull(rewritten);
        Assert.Equal(File.ReadAllBytes(file)[..512], rewritten![..512]);
        var text = Encoding.Latin1.GetString(rewritten);
        Assert.Contains("#!\"D:\\a much longer new place\\venv\\Scripts\\python.exe\"\r\nPK", text);
        Assert.DoesNotContain(@"C:\old", text);
        File.WriteAllBytes(file, rewritten);
        var read = Run.Process(Pythons.Any!.Executable, ["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('__main__.py').decode().strip())", file]);
        Assert.True(read.ExitCode == 0, read.StdErr);
        Assert.Equal("import sys; print('launcher main')", read.StdOut.Trim());
    }

    [Fact]
    public void Anything_that_is_not_a_launcher_is_left_alone()
    {
        using var tmp = new TempDir();
        var file = tmp.Combine("x.exe");
        File.WriteAllBytes(file, Encoding.UTF8.GetBytes("#!/usr/bin/python\nprint(1)\n"));
        Assert.Null(WindowsLauncher.Rewrite(file, "/p"));
        File.WriteAllBytes(file, [(byte)'M', (byte)'Z', .. new byte[100]]);
        Assert.Null(WindowsLauncher.Rewrite(file, "/p"));
    }
}
