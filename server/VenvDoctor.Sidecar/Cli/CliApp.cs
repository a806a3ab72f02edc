using System.CommandLine;
using System.CommandLine.Parsing;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// The verbs: serve, scan, watch, repair, undo. Each verb lives in its own file (<c>XxxCommand.cs</c>) with
/// <c>public static Command Create()</c>, and is added to the root here, one line each. Usage errors exit 2.
/// </summary>
public static class CliApp
{
    public const int UsageError = 2;

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("venv-sidecar: finds, diagnoses, watches and repairs Python virtual environments.");
        // verbs
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ScanCommand.Create());
        root.Subcommands.Add(WatchCommand.Create());
        root.Subcommands.Add(RepairCommand.Create());
        root.Subcommands.Add(UndoCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        StartupRecovery.Run(); // settle repairs a killed process left half-done, before any verb looks at an environment
        var root = CreateRoot();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                Console.Error.WriteLine($"venv-sidecar: {error.Message}");
            Console.Error.WriteLine();
            await WriteUsageAsync(root, parsed.CommandResult);
            return UsageError;
        }
        // Signals are the host's business (serve stops gracefully on SIGTERM), so the parser must not take them.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>The help of the command the user was typing, on stderr (its help builder is not public).</summary>
    private static Task<int> WriteUsageAsync(RootCommand root, CommandResult failed)
    {
        var path = new List<string>();
        for (SymbolResult? r = failed; r is CommandResult { Parent: not null } c; r = c.Parent)
            path.Insert(0, c.Command.Name);
        path.Add("--help");
        return root.Parse(path).InvokeAsync(new InvocationConfiguration { Output = Console.Error, ProcessTerminationTimeout = null });
    }
}
