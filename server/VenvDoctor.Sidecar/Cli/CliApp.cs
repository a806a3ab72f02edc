using System.CommandLine;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// The verbs: serve, scan, watch, repair, undo. Each verb lives in its own file (<c>XxxCommand.cs</c>) and is
/// added to the root here, one line each. Usage errors exit 2.
/// </summary>
public static class CliApp
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("venv-sidecar");
        root.Subcommands.Add(ScanCommand.Create());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"venv-sidecar: {error.Message}");
            return UsageError;
        }
        return await parsed.InvokeAsync();
    }
}
