using System.Text.Json;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Hostile;

/// <summary>
/// Names and values a hostile repository chose, printed by the real CLI: escape sequences (a window title, a screen
/// clear), newlines and shell syntax in a venv folder's name, in a recorded path, in pyvenv.cfg and in a settings
/// value. The text output carries no raw control character; the command it suggests, pasted into real bash, is one
/// command with exactly the right arguments and creates nothing; <c>--json</c> carries the exact values; nothing
/// around (or, for a dry run, in) the environment changes.
/// </summary>
public sealed class HostileOutputTests
{
    /// <summary>Folder names that would retitle or clear a terminal, break a line, or run a second command when pasted.</summary>
    public static readonly string[] HostileNames =
        ["\e]0;pwned\a", "\e[2J", "line\nbreak", "x;touch y;#", "$(touch z)", "`touch z`", "it's \"quoted\""];

    private const string EscapedTitle = "\\x1b]0;pwned\\x07";

    private static void AssertTerminalSafe(CliResult result, string what)
    {
        Assert.False(HostileText.HasRawControl(result.StdOut), $"{what}: raw control character on stdout:\n{result.StdOut}");
        Assert.False(HostileText.HasRawControl(result.StdErr), $"{what}: raw control character on stderr:\n{result.StdErr}");
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    /// <summary>Everything in the temporary root but our state folder: a scan or a dry run changes nothing, inside the environment or out.</summary>
    private static TreeSnapshot Everything(HostileWorkspace ws) =>
        TreeSnapshot.Of(ws.Root, includeJournal: true, leaveOut: [Path.GetRelativePath(ws.Root, ws.State)]);

    /// <summary>The command a scan suggests for <paramref name="action"/>: the text between "(" and the line's last ")".</summary>
    private static string SuggestedCommand(string scanText, string action)
    {
        var marker = $"(venv-sidecar repair --action {action} ";
        var line = scanText.Split('\n').Single(l => l.Contains(marker, StringComparison.Ordinal));
        var start = line.IndexOf(marker, StringComparison.Ordinal) + 1;
        return line[start..line.LastIndexOf(')')];
    }

    [PythonFact]
    public async Task A_venv_folder_with_a_hostile_name_is_printed_escaped_and_its_suggested_command_pastes_as_one_command()
    {
        using var ws = new HostileWorkspace();
        var bash = Pasted.Shell("bash") ?? throw new InvalidOperationException("bash is not installed");
        var current = ws.Env;
        foreach (var name in HostileNames)
        {
            var env = Path.Combine(ws.Workspace, name);
            Directory.Move(current, env);
            current = env;
            var before = Everything(ws);

            var scan = await ws.Cli("scan", ws.Workspace);
            AssertTerminalSafe(scan, $"scan of {name}");
            Assert.Contains(Core.Display.TerminalText.Escape(env), scan.StdOut);

            using var pasteFolder = new TempDir("vd-paste");
            var argv = Pasted.Words(bash, SuggestedCommand(scan.StdOut, "relocate"), pasteFolder.Path);
            Assert.Equal(["venv-sidecar", "repair", "--action", "relocate", env], argv);
            Assert.Empty(Directory.EnumerateFileSystemEntries(pasteFolder.Path));

            var dry = await ws.Cli([.. argv.Skip(1), "--dry-run"]);
            Assert.True(dry.ExitCode == 0, $"dry run of {name} exited {dry.ExitCode}: {dry.StdErr}");
            AssertTerminalSafe(dry, $"dry run of {name}");
            Assert.Contains("dry run: nothing changed", dry.StdOut);

            Everything(ws).AssertSameAs(before, $"a scan and a dry run of {name} change nothing");
        }
    }

    [PythonFact]
    public async Task Escape_sequences_in_a_recorded_path_pyvenv_cfg_and_a_settings_value_are_escaped_in_text_and_exact_in_json()
    {
        using var ws = new HostileWorkspace();
        var cfg = Path.Combine(ws.Env, "pyvenv.cfg");
        var recorded = Path.Combine(ws.Root, "made-here", ".venv"); // where the venv was made: what its files record
        var hostileOld = $"/tmp/old\e]0;pwned\a\e[2J\u009b31m/.venv";
        Venvs.WriteConsoleScript(ws.Env, "tool\e]0;pwned\a\nx", Path.Combine(recorded, "bin", "python")); // a hostile file name too
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ws.Env, "bin")).Append(cfg).Where(f => !new FileInfo(f).Attributes.HasFlag(FileAttributes.ReparsePoint)))
        {
            var text = File.ReadAllText(file);
            if (text.Contains(recorded, StringComparison.Ordinal)) File.WriteAllText(file, text.Replace(recorded, hostileOld, StringComparison.Ordinal));
        }
        File.AppendAllText(cfg, "prompt = \e]0;pwned\a\n");
        var staleInterpreter = "/nowhere/\e]0;pwned\a/bin/python";
        Directory.CreateDirectory(Path.Combine(ws.Workspace, ".vscode"));
        File.WriteAllText(Path.Combine(ws.Workspace, ".vscode", "settings.json"),
            JsonSerializer.Serialize(new Dictionary<string, string> { ["python.defaultInterpreterPath"] = staleInterpreter }));
        var before = Everything(ws);

        var scan = await ws.Cli("scan", ws.Workspace);
        AssertTerminalSafe(scan, "scan");
        Assert.Contains($"/tmp/old{EscapedTitle}\\x1b[2J\\x9b31m/.venv", scan.StdOut); // the recorded path, in the finding
        Assert.Contains($"/nowhere/{EscapedTitle}/bin/python", scan.StdOut); // the settings value

        var dry = await ws.Cli("repair", ws.Env, "--action", "relocate", "--dry-run");
        Assert.True(dry.ExitCode == 0, $"dry run exited {dry.ExitCode}: {dry.StdErr}");
        AssertTerminalSafe(dry, "dry run");
        Assert.Contains($"/tmp/old{EscapedTitle}", dry.StdOut); // a line before the rewrite
        Assert.Contains($"bin/tool{EscapedTitle}\\nx: ", dry.StdOut); // the script with a hostile name, among the edits

        var json = await ws.Cli("scan", ws.Workspace, "--json");
        AssertJsonEscaped(json);
        using var document = JsonDocument.Parse(json.StdOut);
        Assert.Contains(document.RootElement.GetProperty("settings").EnumerateArray(), s => s.GetProperty("value").GetString() == staleInterpreter);
        Assert.Contains(AllStrings(document.RootElement), s => s.Contains(hostileOld, StringComparison.Ordinal)); // the recorded path, exact

        var dryJson = await ws.Cli("repair", ws.Env, "--action", "relocate", "--dry-run", "--json");
        AssertJsonEscaped(dryJson);
        Assert.Contains(AllStrings(JsonDocument.Parse(dryJson.StdOut).RootElement), s => s.Contains(hostileOld, StringComparison.Ordinal));

        Everything(ws).AssertSameAs(before, "scans and dry runs change nothing");
    }

    [PythonFact]
    public async Task A_repair_and_its_undo_of_a_hostile_name_print_escaped_and_the_undo_command_pastes_as_one_command()
    {
        using var ws = new HostileWorkspace();
        var env = Path.Combine(ws.Workspace, "\e]0;pwned\a\nx;touch y;#");
        Directory.Move(ws.Env, env);
        var around = () => TreeSnapshot.Of(ws.Root, includeJournal: true, leaveOut: [Path.GetRelativePath(ws.Root, env), Path.GetRelativePath(ws.Root, ws.State)]);
        var before = around();

        var repair = await ws.Cli("repair", env, "--action", "relocate");
        // pyvenv.cfg is one value per line and its reader refuses control characters, so a name holding a newline or
        // ESC cannot be recorded there: the relocate applies, and its result says the environment is still broken
        // (exit 1). What this case proves is the output, and the undo command it prints.
        Assert.True(repair.ExitCode is 0 or 1, $"repair exited {repair.ExitCode}: {repair.StdOut}{repair.StdErr}");
        AssertTerminalSafe(repair, "repair");
        const string marker = "to revert it: ";
        var line = repair.StdOut.Split('\n').Single(l => l.Contains(marker, StringComparison.Ordinal));
        var command = line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..line.LastIndexOf(')')];

        using var pasteFolder = new TempDir("vd-paste");
        var argv = Pasted.Words(Pasted.Shell("bash") ?? throw new InvalidOperationException("bash is not installed"), command, pasteFolder.Path);
        Assert.Equal(["venv-sidecar", "undo", env], argv);
        Assert.Empty(Directory.EnumerateFileSystemEntries(pasteFolder.Path));

        var undo = await ws.Cli([.. argv.Skip(1)]);
        Assert.True(undo.ExitCode == 0, $"undo exited {undo.ExitCode}: {undo.StdErr}");
        AssertTerminalSafe(undo, "undo");
        around().AssertSameAs(before, "a repair and its undo change nothing outside the environment");
    }

    [PythonFact]
    public async Task Watch_prints_a_move_to_a_hostile_name_on_one_escaped_line()
    {
        using var ws = new HostileWorkspace();
        await using var watch = WatchProcess.Start(ws.Workspace);
        Assert.StartsWith("ready: 1 environment(s), ", await watch.NextLineAsync());

        var to = Path.Combine(ws.Workspace, "\e]0;pwned\a\nx;touch y;#");
        Directory.Move(ws.Env, to);
        var line = await watch.NextLineAsync();

        Assert.False(HostileText.HasRawControl(line), line);
        Assert.StartsWith($"moved    {ws.Env} -> {ws.Workspace}/{EscapedTitle}\\nx;touch y;#  [broken", line);
        Assert.Equal(0, await watch.StopAsync(signal: 15));
    }

    [Fact]
    public async Task Watch_log_lines_on_stderr_quoting_a_hostile_root_are_escaped()
    {
        using var tmp = new TempDir("vd-hostile-watch");
        var root = tmp.Combine("\e]0;pwned\a\e[2J");
        foreach (var d in new[] { "a", "b", "c" }) Directory.CreateDirectory(Path.Combine(root, d, "deeper"));
        await using var watch = WatchProcess.Start(root, "--watch-budget", "1", "--rescan-interval-ms", "200");
        Assert.StartsWith("ready: ", await watch.NextLineAsync());
        var degraded = await watch.NextLineAsync();
        Assert.Equal(0, await watch.StopAsync(signal: 15));

        Assert.StartsWith($"degraded {tmp.Path}/{EscapedTitle}\\x1b[2J: ", degraded);
        Assert.Contains("falls back to rescans", watch.StdErr); // the logger's warning, which quotes the root
        Assert.Contains($"{EscapedTitle}\\x1b[2J", watch.StdErr);
        Assert.False(HostileText.HasRawControl(watch.StdErr), watch.StdErr);
    }

    [Fact]
    public async Task One_line_errors_quoting_a_hostile_path_are_escaped()
    {
        using var tmp = new TempDir("vd-hostile-error");
        var missing = Path.Combine(tmp.Path, "gone\e]0;pwned\a\e[2J");

        var scan = await SidecarProcess.RunCliAsync(["scan", missing]);
        var repair = await SidecarProcess.RunCliAsync(["repair", missing, "--dry-run"]);
        var undo = await SidecarProcess.RunCliAsync(["undo", missing]);

        foreach (var (result, verb) in new[] { (scan, "scan"), (repair, "repair"), (undo, "undo") })
        {
            Assert.NotEqual(0, result.ExitCode);
            AssertTerminalSafe(result, verb);
            Assert.Contains($"gone{EscapedTitle}\\x1b[2J", result.StdErr);
        }
    }

    /// <summary>JSON output holds no raw control character: they are \u escapes inside strings.</summary>
    private static void AssertJsonEscaped(CliResult result)
    {
        Assert.True(result.ExitCode is 0 or 1, $"exited {result.ExitCode}: {result.StdErr}");
        Assert.False(HostileText.HasRawControl(result.StdOut), $"raw control character in JSON:\n{result.StdOut}");
    }

    private static IEnumerable<string> AllStrings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => AllStrings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(AllStrings),
        _ => [],
    };
}
