using System.Text;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Repair.Rewriting;
using VenvDoctor.Core.Tests.Diagnosis;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Windows;

/// <summary>
/// Windows venvs as CPython's venv and pip's distlib write them on Windows (laid out by <see cref="WindowsVenvs"/> with
/// each CPython found here): every recorded path read from its format. File format only: no Windows runs here.
/// </summary>
public sealed class WindowsVenvAnatomyTests
{
    internal const string Recorded = @"C:\Users\me\proj\.venv";
    internal const string SpacedInterpreter = @"C:\Program Files\My Env\Scripts\python.exe";

    internal static readonly WindowsScript[] Scripts =
    [
        new("pip = pip._internal.cli.main:main"),
        new("tool = tool:main", Gui: true),
        new("old = old:main", Launcher: false, Rename: "old-script.py"),
        new("spaced = spaced:main", Interpreter: SpacedInterpreter),
        new("armtool = armtool:main", Bits: "64-arm"),
    ];

    internal static string BaseOf(PythonInstall p) => $@"C:\Users\me\AppData\Local\Programs\Python\Python{p.Minor.Replace(".", "")}\python.exe";

    [WindowsVenvFact]
    public void Every_cpython_writes_a_windows_venv_whose_records_are_read()
    {
        foreach (var python in WindowsVenvs.Makers)
        {
            using var tmp = new TempDir("vd-winvenv");
            var venv = WindowsVenvs.Make(python, tmp.Combine(".venv"), Recorded, BaseOf(python), Scripts);
            var facts = EnvironmentFactsReader.Read(venv.Path);
            Assert.Equal(EnvironmentLayout.Windows, facts.Layout);
            Assert.Equal(["python.exe", "pythonw.exe"], facts.Interpreters.Select(i => Path.GetFileName(i.Path)).Order());
            Assert.All(facts.Interpreters, i => Assert.False(i.IsLink));
            Assert.Contains(venv.Path + "/Lib/site-packages", facts.SitePackages);

            // pyvenv.cfg: drive-letter home (no \bin), CRLF, and from 3.11 executable and command.
            var config = facts.Config!;
            Assert.Equal(Path.GetDirectoryName(BaseOf(python).Replace('\\', '/'))!.Replace('/', '\\'), config.Home);
            Assert.Contains("\r\n", File.ReadAllText(venv.Path + "/pyvenv.cfg"));
            if (python.Version >= new Version(3, 11))
            {
                Assert.Equal(BaseOf(python), config.Entry("executable")!.Value);
                Assert.Equal(Recorded, config.CommandTarget()!.Value);
            }
            else Assert.Null(config.CommandTarget());

            // bash activate (Git Bash/MSYS): every VIRTUAL_ENV it records, the cygpath branch too (3.12+).
            var bash = facts.ActivationScripts.Single(a => a.Shell == "sh");
            Assert.NotEmpty(bash.Paths);
            Assert.All(bash.Paths, p => Assert.Equal(Recorded, p.Value));
            Assert.Equal(python.Version >= new Version(3, 12) ? 2 : 1, bash.Paths.Count);
            Assert.All(facts.ActivationScripts, a => Assert.All(a.Paths, p => Assert.Equal(Recorded, p.Value)));

            // Activate.ps1 locates itself at run time: the real template records no path, and none is read from it.
            var ps1 = File.ReadAllText(venv.Script("Activate.ps1"));
            Assert.DoesNotContain(Recorded, ps1);
            Assert.Contains("$MyInvocation", ps1);
            Assert.DoesNotContain(facts.ActivationScripts, a => a.File.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase));

            // Launchers (t64, w64, t64-arm) and the -script.py: the interpreter each records.
            string Interp(string name) => facts.ConsoleScripts.Single(s => Path.GetFileName(s.File) == name).Interpreter!.Value;
            var own = Recorded + @"\Scripts\python.exe";
            Assert.Equal(own, Interp("pip.exe"));
            // A gui script runs pythonw.exe (distlib picks it for gui entry points on Windows).
            Assert.Equal(Recorded + @"\Scripts\pythonw.exe", Interp("tool.exe"));
            Assert.Equal(own, Interp("armtool.exe"));
            Assert.Equal(own, Interp("old-script.py"));
            Assert.Equal(SpacedInterpreter, Interp("spaced.exe"));
            Assert.All(facts.ConsoleScripts.Where(s => s.Interpreter is not null), s => Assert.Equal(RecordedPathFormats.WindowsShebang, s.Interpreter!.Format));
        }
    }

    [VirtualenvFact]
    public void Virtualenv_windows_activators_record_the_venv_in_each_format()
    {
        using var tmp = new TempDir("vd-winvenv");
        var python = Assert.Single(WindowsVenvs.Makers.TakeLast(1));
        var venv = WindowsVenvs.Make(python, tmp.Combine("venv"), Recorded, BaseOf(python));
        var written = WindowsVenvs.AddVirtualenvActivators(venv.Path, Recorded);
        Assert.NotNull(written);
        Assert.Contains("activate.bat", written);
        var facts = EnvironmentFactsReader.Read(venv.Path);
        var shells = facts.ActivationScripts.Select(a => a.Shell).ToHashSet();
        Assert.Superset(new HashSet<string> { "bat", "sh", "fish", "nu" }, shells);
        Assert.All(facts.ActivationScripts, a =>
        {
            Assert.NotEmpty(a.Paths);
            Assert.All(a.Paths, p => Assert.Equal(Recorded, p.Value));
        });
        // virtualenv's deactivate.bat and activate.ps1 record no path.
        Assert.DoesNotContain(Recorded, File.ReadAllText(venv.Script("deactivate.bat")));
        Assert.DoesNotContain(Recorded, File.ReadAllText(venv.Script("activate.ps1")));
    }
}
