using System.Text.Json;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Tests.Watching;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

/// <summary>
/// The real <c>venv-sidecar dependents</c> over real venvs made by real pyenv installs: the guard's exit code (1 when
/// some, 0 when none, 2 when the Python named is not one), the same answer whichever way the base is named (its
/// interpreter, a symlink to it, its prefix, its pyenv version name), and a venv made through a symlinked
/// <c>python3</c> (whose <c>home</c> names the link's folder) still counted.
/// </summary>
public sealed class DependentsCliTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(120);

    private static IReadOnlyList<string> PathsUnder(string json, string folder)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("environments").EnumerateArray().Select(e => e.GetProperty("path").GetString()!)
            .Where(p => p.StartsWith(folder + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    [PyenvFact]
    public async Task Lists_the_venvs_built_on_a_pyenv_base_however_it_is_named_and_exits_1()
    {
        var python = PyenvFactAttribute.Newest(1)[0];
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(python.Executable))!;
        using var tmp = new TempDir();
        var direct = Venvs.Create(python, tmp.Combine("direct"));
        var link = tmp.Combine("links", "python3");
        Directory.CreateDirectory(tmp.Combine("links"));
        File.CreateSymbolicLink(link, python.Executable);
        Run.Checked(link, "-m", "venv", tmp.Combine("through-link"));
        var other = Pythons.WithVenv.FirstOrDefault(p => p.Minor != python.Minor);
        if (other is not null) Venvs.Create(other, tmp.Combine("other-minor"));

        string[] expected = [direct, tmp.Combine("through-link")];
        foreach (var name in new[] { python.Executable, link, prefix, Path.GetFileName(prefix) })
        {
            var run = await SidecarProcess.RunCliAsync(["dependents", name, tmp.Path, "--json"], Slow);
            Assert.True(run.ExitCode == 1, $"dependents {name} exited {run.ExitCode}: {run.StdErr}");
            Assert.Equal(expected, PathsUnder(run.StdOut, tmp.Path));
        }

        var text = await SidecarProcess.RunCliAsync(["dependents", link, tmp.Path], Slow);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains($"built on Python {python.Minor} in {prefix}", text.StdOut);
        Assert.Contains($"  {direct}  venv {python.Version}", text.StdOut);
        Assert.DoesNotContain("other-minor", text.StdOut);
    }

    /// <summary>The README's guard in a real bash: <c>venv-sidecar dependents PY FOLDER &amp;&amp; rm -r PREFIX</c> (rm standing in for <c>pyenv uninstall</c>).</summary>
    private static Run.Result Guard(string python, string folder, string prefix)
    {
        var sidecar = SidecarProcess.StartInfo(["dependents", python, folder]);
        var environment = sidecar.Environment.ToDictionary();
        environment["VD_REMOVE"] = prefix;
        return Run.Process("bash", ["-c", "\"$@\" && rm -r -- \"$VD_REMOVE\"", "bash", sidecar.FileName, .. sidecar.ArgumentList], environment: environment);
    }

    [PyenvFact]
    public async Task A_base_nothing_is_built_on_exits_0_so_the_guard_lets_the_removal_run()
    {
        using var tmp = new TempDir();
        var (prefix, copy) = PrivateBases.Copy(PyenvFactAttribute.Newest(1)[0], tmp.Combine("bases"));
        Directory.CreateDirectory(tmp.Combine("projects"));

        var run = await SidecarProcess.RunCliAsync(["dependents", copy.Executable, tmp.Combine("projects"), "--json"], Slow);
        Assert.True(run.ExitCode == 0, $"exited {run.ExitCode}: {run.StdErr}");
        using var doc = JsonDocument.Parse(run.StdOut);
        Assert.Empty(doc.RootElement.GetProperty("environments").EnumerateArray());
        Assert.Equal(prefix, doc.RootElement.GetProperty("base").GetProperty("realPrefix").GetString());

        // The guard of the README, in a real shell: the removal runs only when nothing depends on the base.
        var guard = Guard(copy.Executable, tmp.Combine("projects"), prefix);
        Assert.True(guard.ExitCode == 0, guard.StdErr);
        Assert.False(Directory.Exists(prefix), "nothing was built on the copy, so the guarded removal ran");
    }

    [PyenvFact]
    public void The_guard_stops_the_removal_when_a_venv_is_built_on_the_base()
    {
        using var tmp = new TempDir();
        var (prefix, copy) = PrivateBases.Copy(PyenvFactAttribute.Newest(1)[0], tmp.Combine("bases"));
        Venvs.Create(copy, tmp.Combine("projects", "app", ".venv"));

        var guard = Guard(copy.Executable, tmp.Combine("projects"), prefix);
        Assert.Equal(1, guard.ExitCode);
        Assert.Contains(tmp.Combine("projects", "app", ".venv"), guard.StdOut);
        Assert.True(Directory.Exists(prefix), "a venv is built on the copy, so the guarded removal did not run");
    }

    [Fact]
    public async Task A_name_that_is_no_base_python_is_one_line_and_exit_2()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.Combine("shim"), "#!/usr/bin/env bash\nexec pyenv exec python \"$@\"\n");
        Directory.CreateDirectory(tmp.Combine("venv"));
        File.WriteAllText(tmp.Combine("venv", "pyvenv.cfg"), "home = /usr/bin\n");
        foreach (var name in new[] { tmp.Combine("missing", "python3"), tmp.Combine("shim"), tmp.Combine("venv"), "no-such-version-\u001b[2J" })
        {
            var run = await SidecarProcess.RunCliAsync(["dependents", name], Slow);
            Assert.True(run.ExitCode == 2, $"dependents {name} exited {run.ExitCode}: {run.StdErr}");
            var line = Assert.Single(run.StdErr.TrimEnd('\n').Split('\n'));
            Assert.StartsWith("venv-sidecar dependents: ", line);
            Assert.DoesNotContain('\u001b', line);
        }
    }
}
