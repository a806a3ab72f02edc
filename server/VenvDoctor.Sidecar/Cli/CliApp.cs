namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// The verbs: serve, scan, watch, repair, undo. Each verb lives in its own file (<c>XxxCommand.cs</c>) and is
/// added to the root here, one line each. Usage errors exit 2.
/// </summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args)
    {
        // SCAFFOLD: replaced by the System.CommandLine root with the verbs.
        Console.Error.WriteLine("venv-sidecar: not built yet");
        return Task.FromResult(2);
    }
}
