using VenvDoctor.Core.Display;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Rpc;

/// <summary>
/// <c>initializationOptions.shell</c> over the real process: the command a finding shows to copy (tracked-in-git's
/// <c>git -C REPOSITORY rm -r --cached -- PATH</c>, for a repository whose folder name needs quoting) comes quoted for
/// the shell the client names; without one, or with one the server does not know, for the host's shell.
/// </summary>
public sealed class CommandShellRpcTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(90);

    [GitFact]
    public async Task A_finding_s_command_to_copy_is_quoted_for_the_shell_the_client_names()
    {
        using var tmp = new TempDir();
        var root = tmp.Combine("it's a repo");
        var env = GitRepos.WithCommittedVenv(root);
        string[] argv = ["git", "-C", root, "rm", "-r", "--cached", "--", ".venv"];

        foreach (var (shell, expected) in new (string?, ICommandLineQuoting)[]
                 { ("powershell", CommandShells.PowerShell), ("fish", CommandShells.Fish), ("cmd", CommandShells.Cmd), (null, CommandShells.Posix), ("nu", CommandShells.Posix) })
        {
            await using var sidecar = await SidecarProcess.StartAsync(environment: new Dictionary<string, string?> { ["VENV_DOCTOR_STATE_DIR"] = tmp.Combine("state") }, testMethods: false);
            await sidecar.InitializeAsync([root], new { shell });
            var diagnosis = await sidecar.RequestAsync(Methods.Diagnose, new { path = env }, Slow);
            var finding = diagnosis.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "tracked-in-git");

            Assert.Equal(expected.Line(argv), finding.GetProperty("data").GetProperty("command").GetString());
            if (shell == "nu") Assert.Contains("initializationOptions.shell nu is not one this server quotes for", sidecar.StdErr);
            Assert.Equal(0, await sidecar.ShutdownAsync());
        }
        Assert.NotEqual(CommandShells.PowerShell.Line(argv), CommandShells.Posix.Line(argv)); // the folder's quote makes them differ
    }
}
