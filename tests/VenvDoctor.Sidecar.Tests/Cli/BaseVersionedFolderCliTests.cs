using System.Text.Json;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Tests.Watching;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>
/// The real sidecar on a real venv built on a Homebrew-shaped keg (Homebrew on Linux lays out <c>Cellar</c> and
/// <c>opt</c> as on a Mac; the keg is a hard-linked copy of a real pyenv CPython): <c>scan</c> warns before the
/// upgrade, reports an error after it, and <c>repair</c> (its first suggestion) relinks it to <c>opt/</c>; <c>undo</c>
/// restores it byte for byte.
/// </summary>
public sealed class BaseVersionedFolderCliTests
{
    private static (int ExitCode, string StdOut, string StdErr) Cli(string stateDir, params string[] args) => RepairCliTests.Cli(stateDir, args);

    private static JsonElement Finding(string scanJson) =>
        JsonDocument.Parse(scanJson).RootElement.GetProperty("environments").EnumerateArray().Single()
            .GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "base-versioned-folder").Clone();

    /// <summary>A keg of <paramref name="python"/> named <paramref name="version"/>, with opt/ pointed at it as brew does.</summary>
    private static string InstallKeg(string brew, PythonInstall python, string version, string staging)
    {
        var (copy, _) = PrivateBases.Copy(python, staging);
        var keg = Path.Combine(brew, "Cellar", $"python@{python.Minor}", version);
        Directory.CreateDirectory(Path.GetDirectoryName(keg)!);
        Directory.Move(copy, keg);
        var opt = Path.Combine(brew, "opt", $"python@{python.Minor}");
        Directory.CreateDirectory(Path.GetDirectoryName(opt)!);
        if (Path.Exists(opt)) File.Delete(opt);
        File.CreateSymbolicLink(opt, Path.Combine("..", "Cellar", $"python@{python.Minor}", version));
        return keg;
    }

    [PyenvFact]
    public void Scan_warns_then_errs_after_an_upgrade_and_repair_relinks_to_opt_and_undo_restores_it()
    {
        var python = PyenvFactAttribute.Newest(1)[0];
        using var tmp = new TempDir();
        var state = tmp.Combine("state");
        var brew = tmp.Combine("linuxbrew");
        var oldKeg = InstallKeg(brew, python, python.Version.ToString(), tmp.Combine("s1"));
        var project = tmp.Combine("proj");
        var env = Venvs.Create(python with { Executable = Path.Combine(oldKeg, "bin", $"python{python.Minor}") }, Path.Combine(project, ".venv"));
        var stable = Path.Combine(brew, "opt", $"python@{python.Minor}", "bin", $"python{python.Minor}");

        var before = Cli(state, "scan", project, "--json");
        Assert.Equal(0, before.ExitCode);
        var warning = Finding(before.StdOut);
        Assert.Equal("warning", warning.GetProperty("severity").GetString());
        Assert.Equal(stable, warning.GetProperty("data").GetProperty("stable").GetString());

        InstallKeg(brew, python, $"{python.Version}_1", tmp.Combine("s2"));
        Directory.Delete(oldKeg, recursive: true);
        var after = Cli(state, "scan", project, "--json");
        Assert.Equal(1, after.ExitCode);
        Assert.Equal("error", Finding(after.StdOut).GetProperty("severity").GetString());
        var broken = TreeSnapshot.Of(env, includeJournal: false);

        var repair = Cli(state, "repair", env);
        Assert.True(repair.ExitCode == 0, repair.StdOut + repair.StdErr);
        Assert.Contains(stable, repair.StdOut);
        Assert.Contains($"home = {Path.GetDirectoryName(stable)}\n", File.ReadAllText(Path.Combine(env, "pyvenv.cfg")));
        var run = Run.Process(Path.Combine(env, "bin", "python"), ["-c", "import sys; print(sys.prefix)"]);
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Equal(env, run.StdOut.Trim());
        Assert.Equal(0, Cli(state, "scan", project, "--json").ExitCode);

        var undo = Cli(state, "undo", env);
        // The restored environment is broken again (its keg is gone): what counts is that every file is as it was.
        Assert.True(undo.ExitCode is 0 or 1, undo.StdErr);
        TreeSnapshot.Of(env, includeJournal: false).AssertSameAs(broken, "undo");
    }
}
