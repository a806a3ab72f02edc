using System.Diagnostics;

namespace VenvDoctor.Core.Repair;

/// <summary>
/// Runs a program for a repair (the chosen base's <c>-m venv</c>, the new environment's pip) with cancellation:
/// a cancelled run kills the whole process tree before returning. Never used by discovery or diagnosis.
/// </summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, CancellationToken cancellationToken)
    {
        var psi = Platform.Host.Platform.StartInfo(file);
        psi.RedirectStandardInput = true;
        foreach (var a in args) psi.ArgumentList.Add(a);
        // The repaired environment must not inherit an activated one's variables.
        psi.Environment.Remove("VIRTUAL_ENV");
        psi.Environment.Remove("PYTHONHOME");
        psi.Environment.Remove("PYTHONPATH");
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new RepairException($"Could not start {file}.");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = p.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await p.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await p.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return new Result(p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
