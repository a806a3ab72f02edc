using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// Proves an environment works by using it the way a user does: its own python and pip, its console scripts,
/// and sourcing its activation script in each shell that is installed.
/// </summary>
public static partial class Proofs
{
    private static readonly Dictionary<string, string?> CleanEnvironment = new()
    {
        ["VIRTUAL_ENV"] = null, ["PYTHONHOME"] = null, ["PYTHONPATH"] = null, ["PIP_REQUIRE_VIRTUALENV"] = null,
    };

    public static Run.Result Exec(string file, params string[] args) =>
        Run.Process(file, args, environment: CleanEnvironment, timeout: TimeSpan.FromSeconds(60));

    /// <summary><c>bin/python</c> runs and reports the environment as its prefix.</summary>
    public static void PythonRunsIn(string env)
    {
        var r = Exec(Path.Combine(env, "bin", "python"), "-c", "import sys; print(sys.prefix)");
        Assert.True(r.ExitCode == 0, $"bin/python failed: {r.StdErr}");
        Assert.Equal(env, r.StdOut.TrimEnd('\n'));
    }

    /// <summary><c>bin/pip --version</c> runs (its shebang works) and names this environment's site-packages.</summary>
    public static void PipNamesOwnSitePackages(string env)
    {
        var r = Exec(Path.Combine(env, "bin", "pip"), "--version");
        Assert.True(r.ExitCode == 0, $"bin/pip --version failed ({r.ExitCode}): {r.StdErr}");
        Assert.Contains($"from {env}/lib/python", r.StdOut);
    }

    /// <summary>Sources the activation script of each installed shell and checks VIRTUAL_ENV and which python runs.</summary>
    public static IReadOnlyList<string> ActivationWorks(string env)
    {
        var checkedShells = new List<string>();
        // Every installed shell is checked; where CI installed them (scripts/test-all.sh), a missing one is a failure, not a silent pass.
        foreach (var shell in Shells.Required)
            Shells.Get(shell);
        var bash = Exec("bash", "-c", "source \"$1/bin/activate\" && printf '%s\\n' \"$VIRTUAL_ENV\" && command -v python", "bash", env);
        Assert.True(bash.ExitCode == 0, $"bash activate failed: {bash.StdErr}");
        Assert.Equal($"{env}\n{env}/bin/python\n", bash.StdOut);
        checkedShells.Add("bash");
        if (File.Exists("/usr/bin/fish") && File.Exists(Path.Combine(env, "bin", "activate.fish")))
        {
            var fish = Exec("/usr/bin/fish", "--no-config", "-c", "source $argv[1]/bin/activate.fish; and printf '%s\\n' $VIRTUAL_ENV", env);
            Assert.True(fish.ExitCode == 0, $"fish activate failed: {fish.StdErr}");
            Assert.Equal($"{env}\n", fish.StdOut);
            checkedShells.Add("fish");
        }
        if (File.Exists("/usr/bin/tcsh") && File.Exists(Path.Combine(env, "bin", "activate.csh")))
        {
            var script = Path.Combine(env, "bin", "activate.csh");
            var csh = Run.Process("/usr/bin/tcsh", ["-f", "-c", "source \"$ACTIVATE\"; printf '%s\\n' \"$VIRTUAL_ENV\""],
                environment: new Dictionary<string, string?>(CleanEnvironment) { ["ACTIVATE"] = script });
            Assert.True(csh.ExitCode == 0, $"tcsh activate failed: {csh.StdErr}");
            Assert.Equal($"{env}\n", csh.StdOut);
            checkedShells.Add("tcsh");
        }
        return checkedShells;
    }

    /// <summary>The interpreter shown in <c>python -m venv</c>-made environments is an installed interpreter or skipped.</summary>
    public static PythonInstall? System311 => Pythons.All.FirstOrDefault(p => p.Source == "system" && p.Minor == "3.11");
}

/// <summary>A [Fact] skipped, with the reason, when Debian's /usr/bin/python3.11 (CVE-2024-9287-fixed venv templates) is missing.</summary>
public sealed class SystemPythonFactAttribute : FactAttribute
{
    public SystemPythonFactAttribute()
    {
        if (Proofs.System311 is null) Skip = "Debian's /usr/bin/python3.11 (CVE-2024-9287-fixed templates) is not installed";
    }
}
