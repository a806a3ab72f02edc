using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Watching;
using VenvDoctor.Sidecar.Hosting;
using VenvDoctor.Sidecar.Protocol.Watching;
using VenvDoctor.Sidecar.Protocol;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// <c>watch PATH... [--json]</c>: watches folders and prints each move, breakage and new environment as it happens,
/// one line each (flushed), until SIGINT/SIGTERM (exit 0). The first line says the first scan is done.
/// </summary>
public static class WatchCommand
{
    /// <summary>How long a stop may take after SIGINT/SIGTERM before the process exits regardless (docs/protocol.md §6).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static Command Create(SidecarComposition composition)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Folders to watch (each with everything below it).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "One JSON object per line: {\"event\": \"ready\"|\"added\"|\"removed\"|\"changed\"|\"moved\"|\"degraded\"|\"recovered\", ...}." };
        var budget = new Option<int?>("--watch-budget") { Description = "Most OS watches to use (default: a quarter of fs.inotify.max_user_watches, at most 32768). Beyond it, folders are rescanned periodically until they can be watched again." };
        var rescanMs = new Option<int?>("--rescan-interval-ms") { Description = "How often a folder that cannot be watched is rescanned and watching it tried again (default 2000)." };
        var exclude = new Option<string[]>("--exclude") { Description = "Glob of folders not to watch (repeatable), e.g. build or **/fixtures." };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Least severe log level written to stderr.", DefaultValueFactory = _ => LogLevel.Warning };

        var command = new Command("watch", "Watch folders for environments that are added, removed, moved or break; print one line per event.")
        {
            paths, json, budget, rescanMs, exclude, logLevel,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var options = new WatchOptions { ExcludeGlobs = parsed.GetValue(exclude) ?? [] };
            if (parsed.GetValue(budget) is { } b) options = options with { WatchBudget = b };
            if (parsed.GetValue(rescanMs) is { } ms) options = options with { RescanInterval = TimeSpan.FromMilliseconds(ms) };
            return RunAsync(composition, parsed.GetValue(paths)!, parsed.GetValue(json), options, parsed.GetValue(logLevel), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(SidecarComposition composition, string[] paths, bool json, WatchOptions options, LogLevel logLevel, CancellationToken cancellationToken)
    {
        var roots = paths.Select(Path.GetFullPath).ToList();
        if (roots.FirstOrDefault(r => !Directory.Exists(r)) is { } missing)
        {
            TerminalWriter.Error.WriteLine($"venv-sidecar watch: no such folder: {missing}");
            return ExitCodes.UsageError;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The root parser leaves signals to verbs: SIGINT/SIGTERM end watching cleanly (exit 0). Taking a signal
        // (Cancel = true) means the runtime no longer ends the process, so a stop that does not finish within
        // StopGrace ends it anyway: a watch stuck in a start-up it cannot cancel (a read that blocked, before reads
        // were bounded) once ignored SIGTERM for good.
        Timer? backstop = null;
        void Stop(PosixSignalContext c)
        {
            c.Cancel = true;
            stop.Cancel();
            backstop ??= new Timer(_ => Environment.Exit(0), null, StopGrace, Timeout.InfiniteTimeSpan);
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        // Log lines quote workspace paths: stderr escapes them for the terminal, so the logger paints no colour either.
        Console.SetError(new EscapingTextWriter(Console.Error));
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(logLevel).AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; o.ColorBehavior = Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled; })
                .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(l => l >= logLevel))
            .Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSingleton(options)
            .AddVenvDoctorServices(composition)
            .BuildServiceProvider();
        var watcher = services.GetRequiredService<IEnvironmentWatcher>();
        var stdout = Console.Out;
        IWatchSession? session = null;

        async ValueTask Print(WatchEvent e, CancellationToken ct)
        {
            var line = json
                ? JsonSerializer.Serialize(WatchWire.ToLine(e), WatchLineJsonContext.Default.WatchLine)
                : Readable(e);
            await stdout.WriteLineAsync(line);
            await stdout.FlushAsync(ct);
        }

        try
        {
            session = await watcher.StartAsync(roots, Print, null, stop.Token);
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally
        {
            if (session is not null) await session.DisposeAsync();
            backstop?.Dispose(); // stopped in time
        }
        return 0;
    }

    /// <summary>An event as one line of text, every value escaped for the terminal (<see cref="TerminalWriter.Line"/>).</summary>
    private static string Readable(WatchEvent e) => e.Kind switch
    {
        WatchEventKind.Ready when e.Figures is { } f => TerminalWriter.Line($"ready: {f.Environments} environment(s), {f.Watches} watch(es) of a budget of {f.Budget}. Ctrl+C stops."),
        WatchEventKind.Moved => TerminalWriter.Line($"moved    {e.From} -> {e.Path}  {Summary(e.Environment)}"),
        WatchEventKind.Added => TerminalWriter.Line($"added    {e.Path}  {Summary(e.Environment)}"),
        WatchEventKind.Changed => TerminalWriter.Line($"changed  {e.Path}  {Summary(e.Environment)}"),
        WatchEventKind.Removed => TerminalWriter.Line($"removed  {e.Path}"),
        WatchEventKind.Degraded => TerminalWriter.Line($"degraded {e.Path}: {e.Reason} (rescanning periodically)"),
        WatchEventKind.Recovered => TerminalWriter.Line($"recovered {e.Path}: watched live again"),
        _ => e.Kind.ToString(),
    };

    private static string Summary(PythonEnvironment? e) => e is null ? "" :
        e.Findings.Count == 0 ? $"[{WireNames.Of(e.Health)}]" : $"[{WireNames.Of(e.Health)}: {string.Join(", ", e.Findings.Select(f => f.Code))}]";
}
