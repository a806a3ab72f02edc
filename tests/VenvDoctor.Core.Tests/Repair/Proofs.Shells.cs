using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>What sourcing one shell's activation script reports: its exit, <c>VIRTUAL_ENV</c> and <c>PATH</c>.</summary>
public sealed record ActivationReport(string Shell, string Script, int ExitCode, string VirtualEnv, string Path, string StdErr)
{
    /// <summary>Sourcing worked, VIRTUAL_ENV is <paramref name="env"/> and PATH starts with its bin folder.</summary>
    public string? Problem(string env)
    {
        if (ExitCode != 0) return $"{Shell} failed sourcing {Script} ({ExitCode}): {StdErr}";
        if (VirtualEnv != env) return $"{Shell}: VIRTUAL_ENV is {HostilePaths.Show(VirtualEnv)}, not {HostilePaths.Show(env)}";
        if (Path is not null && !Path.StartsWith(env + "/bin:", StringComparison.Ordinal)) return $"{Shell}: PATH starts {HostilePaths.Show(Path[..Math.Min(Path.Length, env.Length + 8)])}, not with the environment's bin";
        return null;
    }
}

public static partial class Proofs
{
    private const char End = '\x02';

    /// <summary>The activation scripts each shell sources, by file name in bin/.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ScriptsByShell = new Dictionary<string, string[]>
    {
        ["bash"] = ["activate"], ["zsh"] = ["activate"], ["dash"] = ["activate"],
        ["tcsh"] = ["activate.csh"], ["fish"] = ["activate.fish"], ["nu"] = ["activate.nu"],
        ["pwsh"] = ["Activate.ps1", "activate.ps1"],
    };

    /// <summary>
    /// Sources <paramref name="script"/> of <paramref name="env"/> in <paramref name="shell"/> the way a user does, the
    /// paths passed through the environment (never through a command line) so no name needs quoting. Nushell's
    /// <c>overlay use</c> takes a constant path: it runs in bin/ and names the script relatively. For nushell, whose
    /// whole overlay depends on the nushell release the template was written for, <see cref="NuVirtualEnvLine"/>
    /// checks the line the repair writes.
    /// </summary>
    public static ActivationReport Activate(string shell, string env, string script)
    {
        var exe = Shells.Get(shell);
        var file = System.IO.Path.Combine(env, "bin", script);
        string[] args = shell switch
        {
            "bash" => ["--norc", "--noprofile", "-c", PosixProbe],
            "zsh" => ["-f", "-c", PosixProbe],
            "dash" => ["-c", PosixProbe],
            "tcsh" => ["-f", "-c", "source \"$ACTIVATE:q\"; printf '%s\\002%s\\002' \"$VIRTUAL_ENV:q\" \"$PATH:q\""],
            "fish" => ["--no-config", "-c", "source $ACTIVATE; and printf '%s\\x02' \"$VIRTUAL_ENV\"; and printf '%s:' $PATH; and printf '\\x02'"],
            "nu" => ["-n", "--no-std-lib", "-c", $"overlay use {script}; print -n ($env.VIRTUAL_ENV + \"\\u{{2}}\" + ($env.PATH | str join ':') + \"\\u{{2}}\")"],
            "pwsh" => ["-NoProfile", "-NonInteractive", "-Command", ". $env:ACTIVATE; [Console]::Out.Write($env:VIRTUAL_ENV + [char]2 + $env:PATH + [char]2)"],
            _ => throw new ArgumentOutOfRangeException(nameof(shell)),
        };
        var r = Run.Process(exe, args, workingDirectory: System.IO.Path.Combine(env, "bin"),
            environment: new Dictionary<string, string?>(CleanEnvironment) { ["ACTIVATE"] = file }, timeout: TimeSpan.FromSeconds(60));
        var parts = r.StdOut.Split(End);
        return parts.Length < 3
            ? new ActivationReport(shell, script, r.ExitCode == 0 ? -1 : r.ExitCode, "", "", r.StdErr + r.StdOut)
            : new ActivationReport(shell, script, r.ExitCode, parts[0], parts[1], r.StdErr);
    }

    private const string PosixProbe = ". \"$ACTIVATE\" && printf '%s\\002%s\\002' \"$VIRTUAL_ENV\" \"$PATH\"";

    /// <summary>
    /// Real nushell evaluates the <c>let virtual_env = ...</c> line of <c>activate.nu</c> as the repair left it, and
    /// reports the value: the part of the script a repair writes, whatever the template around it needs.
    /// </summary>
    public static ActivationReport NuVirtualEnvLine(string env)
    {
        var file = System.IO.Path.Combine(env, "bin", "activate.nu");
        var text = File.ReadAllText(file);
        var at = text.IndexOf("let virtual_env = ", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{file} has no virtual_env line");
        var script = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vd-nu-{Guid.NewGuid():N}.nu");
        // The token is delimited by our reader; what it means is nushell's to say.
        var token = VenvDoctor.Core.Anatomy.RecordedPathFormats.Read(VenvDoctor.Core.Anatomy.RecordedPathFormats.Nu, text, at + "let virtual_env = ".Length);
        Assert.True(token is not null, $"{file}: no string after let virtual_env");
        var statement = text.Substring(at, token.Value.Start + token.Value.Length - at);
        File.WriteAllText(script, statement + "\nprint -n ($virtual_env + \"\\u{2}\" + \"\\u{2}\")\n");
        try
        {
            var r = Run.Process(Shells.Get("nu"), ["-n", "--no-std-lib", script], timeout: TimeSpan.FromSeconds(60));
            var parts = r.StdOut.Split(End);
            return new ActivationReport("nu", "activate.nu", parts.Length < 3 ? -1 : r.ExitCode, parts[0], null!, r.StdErr);
        }
        finally { File.Delete(script); }
    }
}
