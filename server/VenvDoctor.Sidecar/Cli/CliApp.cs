using System.CommandLine;
using System.CommandLine.Parsing;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// The verbs: serve, scan, watch, repair, undo, dependents. Each verb lives in its own file (<c>XxxCommand.cs</c>) with
/// <c>public static Command Create(SidecarComposition)</c>, and is added to the root here, one line each. Exit codes are the same
/// for every verb (<see cref="ExitCodes"/>): 0 done, 1 failed or refused (what and why on one line of stderr), 2 usage error, 3 unexpected
/// error (one line; <c>VENV_DOCTOR_DEBUG=1</c> adds the stack trace). No verb acts on repair journals at start.
/// </summary>
public static class CliApp
{
    /// <param name="composition">What the executable composes (its <c>Program.cs</c> decides, once).</param>
    public static RootCommand CreateRoot(SidecarComposition composition)
    {
        var root = new RootCommand("venv-sidecar: finds, diagnoses, watches and repairs Python virtual environments.");
        // verbs
        root.Subcommands.Add(ServeCommand.Create(composition));
        root.Subcommands.Add(ScanCommand.Create(composition));
        root.Subcommands.Add(WatchCommand.Create(composition));
        root.Subcommands.Add(RepairCommand.Create(composition));
        root.Subcommands.Add(UndoCommand.Create(composition));
        root.Subcommands.Add(DependentsCommand.Create(composition));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, SidecarComposition composition)
    {
        var root = CreateRoot(composition);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                TerminalWriter.Error.WriteLine($"venv-sidecar: {error.Message}");
            Console.Error.WriteLine();
            await WriteUsageAsync(root, parsed.CommandResult);
            return ExitCodes.UsageError;
        }
        try
        {
            // Signals are the host's business (serve stops gracefully on SIGTERM), so the parser must not take them.
            // Its exception handler prints a stack trace; a user gets one line instead (below).
            return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            TerminalWriter.Error.WriteLine($"venv-sidecar: {OneLine(e)}");
            if (Environment.GetEnvironmentVariable("VENV_DOCTOR_DEBUG") == "1") Console.Error.WriteLine(e);
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>The innermost message, on one line: what went wrong, with the file the exception names.</summary>
    private static string OneLine(Exception e)
    {
        while (e is AggregateException { InnerException: { } inner }) e = inner;
        return e.Message.ReplaceLineEndings(" ");
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
