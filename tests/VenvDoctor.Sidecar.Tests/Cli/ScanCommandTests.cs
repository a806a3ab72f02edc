using System.Text.Json;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Cli;

public class ScanCommandTests
{
    /// <summary>A workspace with a healthy venv and one moved after it was made (so broken), both by a real Python.</summary>
    private static (string Good, string Moved) Workspace(TempDir tmp)
    {
        var python = Pythons.Any!;
        var good = Venvs.Create(python, tmp.Combine("proj", ".venv"));
        Venvs.Create(python, tmp.Combine("old-place"));
        Directory.CreateDirectory(tmp.Combine("other"));
        Directory.Move(tmp.Combine("old-place"), tmp.Combine("other", "venv"));
        return (good, tmp.Combine("other", "venv"));
    }

    [PythonFact]
    public void The_table_lists_each_environment_then_the_findings_and_exit_1_when_one_is_broken()
    {
        using var tmp = new TempDir();
        var (_, _) = Workspace(tmp);

        var r = ScanCli.Run(tmp.Path, "scan");

        Assert.Equal(1, r.ExitCode);
        var lines = r.StdOut.Split('\n');
        Assert.Matches(@"^PATH\s+KIND\s+VERSION\s+HEALTH\s+TOP FINDING$", lines[0]);
        Assert.Matches(@"^other/venv\s+venv\s+3\.\d+\.\d+\s+broken\s+moved$", lines.First(l => l.StartsWith("other/venv ")));
        Assert.Matches(@"^proj/\.venv\s+venv\s+3\.\d+\.\d+\s+ok\s+-$", lines.First(l => l.StartsWith("proj/.venv ")));
        Assert.Contains("error moved:", r.StdOut);
        Assert.Contains("-> ", r.StdOut);
        Assert.DoesNotContain("\e[", r.StdOut); // not a terminal: no colour
    }

    [PythonFact]
    public void Json_is_one_document_with_the_documented_shape()
    {
        using var tmp = new TempDir();
        var (good, moved) = Workspace(tmp);

        var r = ScanCli.Run("/", "scan", "--json", tmp.Path);

        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var root = doc.RootElement;
        Assert.Equal(["environments", "settings", "interpreters", "skipped"], root.EnumerateObject().Select(p => p.Name));
        var envs = root.GetProperty("environments").EnumerateArray().ToList();
        Assert.Equal(new[] { good, moved }.Order(StringComparer.Ordinal), envs.Select(e => e.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        foreach (var e in envs)
        {
            Assert.Equal(["path", "kind", "version", "interpreter", "home", "prompt", "manager", "health", "findings", "suggestions"],
                e.EnumerateObject().Select(p => p.Name));
            Assert.True(Path.IsPathFullyQualified(e.GetProperty("path").GetString()!));
            Assert.Equal("venv", e.GetProperty("kind").GetString());
        }
        var broken = envs.Single(e => e.GetProperty("path").GetString() == moved);
        Assert.Equal("broken", broken.GetProperty("health").GetString());
        var finding = broken.GetProperty("findings")[0];
        Assert.Equal(["code", "severity", "message", "data"], finding.EnumerateObject().Select(p => p.Name));
        Assert.Equal("moved", finding.GetProperty("code").GetString());
        Assert.Equal(["action", "title", "data"], broken.GetProperty("suggestions")[0].EnumerateObject().Select(p => p.Name));
        var interpreters = root.GetProperty("interpreters").EnumerateArray().ToList();
        Assert.Contains(interpreters, i => i.GetProperty("executable").GetString() == Pythons.Any!.Executable);
        Assert.Equal(["executable", "version", "source", "prefix"], interpreters[0].EnumerateObject().Select(p => p.Name));
    }

    [PythonFact]
    public void Exit_0_when_nothing_is_broken_and_the_current_folder_is_the_default()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("a", "b", ".venv"));

        var r = ScanCli.Run(tmp.Path, "scan", "--json");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal(venv, doc.RootElement.GetProperty("environments")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void Options_limit_the_scan_and_skipped_paths_are_reported()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("a", "b"));
        File.WriteAllText(tmp.Combine("a", "b", "pyvenv.cfg"), "home = /usr/bin\n");
        File.CreateSymbolicLink(tmp.Combine("a", "loop"), tmp.Path);

        var deep = JsonDocument.Parse(ScanCli.Run(tmp.Path, "scan", "--json").StdOut).RootElement;
        Assert.Single(deep.GetProperty("environments").EnumerateArray());
        Assert.Contains(deep.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("path").GetString() == tmp.Combine("a", "loop"));
        Assert.Empty(JsonDocument.Parse(ScanCli.Run(tmp.Path, "scan", "--json", "--max-depth", "1").StdOut).RootElement.GetProperty("environments").EnumerateArray());
        Assert.Empty(JsonDocument.Parse(ScanCli.Run(tmp.Path, "scan", "--json", "--exclude", "a").StdOut).RootElement.GetProperty("environments").EnumerateArray());
    }

    [Fact]
    public void Usage_errors_exit_2_with_a_message()
    {
        using var tmp = new TempDir();
        var missing = ScanCli.Run(tmp.Path, "scan", tmp.Combine("does-not-exist"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such folder", missing.StdErr);
        Assert.Equal(2, ScanCli.Run(tmp.Path, "scan", "--max-depth", "deep").ExitCode);
        Assert.Equal(2, ScanCli.Run(tmp.Path, "scan", "--max-depth", "-1").ExitCode);
        Assert.Equal(2, ScanCli.Run(tmp.Path, "scan", "--no-such-option").ExitCode);
    }

    [PythonFact]
    public void Ide_settings_that_point_at_a_moved_venv_are_reported_with_the_interpreter_to_repoint_to()
    {
        using var tmp = new TempDir();
        var (_, moved) = Workspace(tmp);
        Directory.CreateDirectory(tmp.Combine(".vscode"));
        File.WriteAllText(tmp.Combine(".vscode", "settings.json"),
            $"{{ // the venv was at old-place\n  \"python.defaultInterpreterPath\": \"{tmp.Combine("old-place", "bin", "python")}\",\n}}");

        var r = ScanCli.Run(tmp.Path, "scan", "--json");

        using var doc = JsonDocument.Parse(r.StdOut);
        var setting = Assert.Single(doc.RootElement.GetProperty("settings").EnumerateArray());
        Assert.Equal(["file", "key", "value", "resolves", "suggestion", "unreadable"], setting.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, setting.GetProperty("unreadable").ValueKind); // read completely
        Assert.Equal(tmp.Combine(".vscode", "settings.json"), setting.GetProperty("file").GetString());
        Assert.Equal("python.defaultInterpreterPath", setting.GetProperty("key").GetString());
        Assert.False(setting.GetProperty("resolves").GetBoolean());
        Assert.Equal(Path.Combine(moved, "bin", "python"), setting.GetProperty("suggestion").GetString());
        Assert.Contains("re-point to " + Path.Combine(moved, "bin", "python"), ScanCli.Run(tmp.Path, "scan").StdOut);
    }
}
