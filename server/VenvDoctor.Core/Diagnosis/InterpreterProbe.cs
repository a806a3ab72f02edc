using System.Diagnostics;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Diagnosis;

/// <summary>
/// Opt-in confirmation (<see cref="DiagnosisOptions.Probe"/>, <c>ScanRequest.Probe</c>): runs the environment's own
/// interpreter isolated (<c>-I</c>) with a short timeout and records what it said in each finding's
/// <c>data.probe</c>. Never used unless asked: diagnosis otherwise reads files only.
/// </summary>
public static class InterpreterProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private const string Script = "import sys; print(sys.version_info[:3], sys.prefix)";

    public static List<Finding> Annotate(EnvironmentFacts facts, List<Finding> findings, CancellationToken cancellationToken)
    {
        if (findings.Count == 0 || facts.Interpreter is not { } interpreter) return findings;
        var result = Run(interpreter.Path, cancellationToken);
        return findings.Select(f => f with { Data = new Dictionary<string, string>(f.Data) { ["probe"] = result } }).ToList();
    }

    /// <summary>Runs <c>python -I -c ...</c>; returns its output, or what went wrong (exit code, error, timeout).</summary>
    public static string Run(string interpreter, CancellationToken cancellationToken)
    {
        var psi = Platform.Host.Platform.StartInfo(interpreter);
        foreach (var a in new[] { "-I", "-c", Script }) psi.ArgumentList.Add(a);
        psi.Environment.Remove("PYTHONHOME");
        psi.Environment.Remove("PYTHONPATH");
        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
            if (!p.WaitForExit(Timeout))
            {
                p.Kill(entireProcessTree: true);
                return $"no answer within {Timeout.TotalSeconds:0} s";
            }
            var err = stderr.Result.Trim();
            if (p.ExitCode != 0)
                return $"exit {p.ExitCode}: {(err.Length > 300 ? err[^300..] : err)}";
            return stdout.Result.Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"cannot start: {e.Message}";
        }
    }
}
