using System.Text;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Repair.Rewriting;
using VenvDoctor.Core.Tests.Diagnosis;
using VenvDoctor.Core.Tests.Support;
using static VenvDoctor.Core.Tests.Windows.WindowsVenvAnatomyTests;

namespace VenvDoctor.Core.Tests.Windows;

/// <summary>
/// Relocation of a Windows venv's records (file format only): every record re-based as Windows compares paths,
/// rewritten in its own format, read back as the new place; each launcher's stub and zip byte-identical and the zip
/// still read by the real Python's zipfile.
/// </summary>
public sealed class WindowsRelocationTests
{
    // Another drive, a blank (the launchers then quote), and the old place written in another case.
    private const string NewPlace = @"D:\work\moved proj\.venv";

    [WindowsVenvFact]
    public void Every_record_is_rewritten_in_its_own_format_and_launchers_keep_stub_and_zip()
    {
        foreach (var python in WindowsVenvs.Makers)
        {
            using var tmp = new TempDir("vd-winreloc");
            var venv = WindowsVenvs.Make(python, tmp.Combine(".venv"), Recorded, BaseOf(python), Scripts);
            if (VirtualenvFactAttribute.Available) Assert.NotNull(WindowsVenvs.AddVirtualenvActivators(venv.Path, Recorded));
            var before = Snapshot(venv.Path);
            var facts = EnvironmentFactsReader.Read(venv.Path);
            var changes = facts.RecordedPaths()
                .Select(r => WindowsPaths.Rebase(r.Value, Recorded.ToLowerInvariant(), NewPlace) is { } moved ? new PathChange(r, moved) : null)
                .OfType<PathChange>().ToList();
            var (edits, _, left) = RecordedPathRewriter.Rewrite(changes);
            Assert.Empty(left);
            foreach (var edit in edits) File.WriteAllBytes(edit.Path, edit.NewContent!);

            var after = EnvironmentFactsReader.Read(venv.Path);
            var records = after.RecordedPaths().Where(r => r.Kind != RecordKind.PyvenvHome && r.Kind != RecordKind.PyvenvExecutable).ToList();
            Assert.NotEmpty(records);
            Assert.All(records.Where(r => r.Value != SpacedInterpreter), r => Assert.True(WindowsPaths.IsUnderOrEqual(r.Value, NewPlace), $"{python}: {r.File} still records {r.Value}"));
            Assert.Equal(BaseOf(python), after.Config!.Entry("executable")?.Value ?? BaseOf(python));
            Assert.Contains("\r\n", File.ReadAllText(venv.Path + "/pyvenv.cfg"));

            foreach (var (exe, runs) in new[] { ("pip.exe", "python.exe"), ("tool.exe", "pythonw.exe"), ("armtool.exe", "python.exe") })
                LauncherKeptStubAndZip(python, before[exe], File.ReadAllBytes(venv.Script(exe)), Recorded + @"\Scripts\" + runs, NewPlace + @"\Scripts\" + runs);
            // The file no record names is left byte for byte.
            Assert.Equal(before["Activate.ps1"], File.ReadAllBytes(venv.Script("Activate.ps1")));
            Assert.Equal(before["python.exe"], File.ReadAllBytes(venv.Script("python.exe")));
        }
    }

    private static Dictionary<string, byte[]> Snapshot(string venv) =>
        Directory.EnumerateFiles(Path.Combine(venv, "Scripts")).ToDictionary(Path.GetFileName!, File.ReadAllBytes);

    private static void LauncherKeptStubAndZip(PythonInstall python, byte[] before, byte[] after, string oldInterpreter, string newInterpreter)
    {
        var oldLayout = WindowsLauncherFile.Read(before, out _)!;
        var newLayout = WindowsLauncherFile.Read(after, out var problem);
        Assert.True(newLayout is not null, problem);
        Assert.Equal(oldInterpreter, oldLayout.Interpreter);
        Assert.Equal(newInterpreter, newLayout!.Interpreter);
        // Stub (and "#!") identical; everything after the token (the line's end and the whole zip) identical.
        Assert.Equal(before[..(int)oldLayout.TokenStart], after[..(int)newLayout.TokenStart]);
        Assert.Equal(before[(int)(oldLayout.TokenStart + oldLayout.TokenLength)..], after[(int)(newLayout.TokenStart + newLayout.TokenLength)..]);
        Assert.Equal($"\"{newInterpreter}\"", Encoding.UTF8.GetString(after, (int)newLayout.TokenStart, newLayout.TokenLength));
        using var tmp = new TempDir("vd-launcher");
        var file = tmp.Combine("launcher.exe");
        File.WriteAllBytes(file, after);
        var read = Run.Process(python.Executable, ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(z.namelist())", file]);
        Assert.True(read.ExitCode == 0, read.StdErr);
        Assert.Equal("['__main__.py']", read.StdOut.Trim());
    }
}
