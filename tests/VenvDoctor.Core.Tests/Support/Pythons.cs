using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>An interpreter installed on this machine that tests may use to make real environments.</summary>
public sealed record PythonInstall(string Executable, Version Version, string Source)
{
    public string Minor => $"{Version.Major}.{Version.Minor}";
    public override string ToString() => $"{Source} {Version} ({Executable})";
}

/// <summary>
/// Finds real interpreters at run time (pyenv versions, Debian's /usr/bin/python3.X). Tests never assume one:
/// they ask here and skip with a reason when it is missing. Versions come from folder/file names, not by running.
/// </summary>
public static partial class Pythons
{
    private static readonly Lazy<IReadOnlyList<PythonInstall>> all = new(FindAll);

    public static IReadOnlyList<PythonInstall> All => all.Value;

    /// <summary>Interpreters whose stdlib has the venv module (3.3+).</summary>
    public static IReadOnlyList<PythonInstall> WithVenv => All.Where(p => p.Version >= new Version(3, 8)).ToList();

    /// <summary>The first interpreter of a given minor ("3.12"), pyenv builds first.</summary>
    public static PythonInstall? Find(string minor) => All.FirstOrDefault(p => p.Minor == minor);

    /// <summary>Any interpreter that can make venvs, newest first.</summary>
    public static PythonInstall? Any => WithVenv.OrderByDescending(p => p.Version).FirstOrDefault();

    private static IReadOnlyList<PythonInstall> FindAll()
    {
        var found = new List<PythonInstall>();
        var pyenvRoot = Environment.GetEnvironmentVariable("PYENV_ROOT")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(pyenvRoot, "versions");
        if (Directory.Exists(versions))
        {
            foreach (var dir in Directory.EnumerateDirectories(versions))
            {
                var m = PatchVersion().Match(Path.GetFileName(dir));
                if (!m.Success) continue;
                var v = Version.Parse(m.Value);
                var exe = Path.Combine(dir, "bin", $"python{v.Major}.{v.Minor}");
                if (File.Exists(exe)) found.Add(new PythonInstall(exe, v, "pyenv"));
            }
        }
        foreach (var exe in Directory.Exists("/usr/bin") ? Directory.EnumerateFiles("/usr/bin", "python3.*") : [])
        {
            var m = MinorOnly().Match(Path.GetFileName(exe));
            if (!m.Success) continue;
            found.Add(new PythonInstall(exe, new Version(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)), "system"));
        }
        return found.OrderBy(p => p.Source == "pyenv" ? 0 : 1).ThenBy(p => p.Version).ToList();
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex PatchVersion();

    [GeneratedRegex(@"^python(\d+)\.(\d+)$")]
    private static partial Regex MinorOnly();
}

/// <summary>A [Fact] that is skipped, with the reason, when no interpreter of the given minor (or none at all) exists.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute(string? minor = null)
    {
        var found = minor is null ? Pythons.Any : Pythons.Find(minor);
        if (found is null)
            Skip = minor is null
                ? "No Python 3.8+ found on this machine (looked in $PYENV_ROOT/versions and /usr/bin)"
                : $"No Python {minor} found on this machine (looked in $PYENV_ROOT/versions and /usr/bin)";
    }
}

/// <summary>Runs a process for a test (making venvs, proving a repair) with a timeout; never used by the product.</summary>
public static class Run
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Process(string file, IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(120)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static Result Checked(string file, params string[] args)
    {
        var r = Process(file, args);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {r.ExitCode}: {r.StdErr}");
        return r;
    }
}
