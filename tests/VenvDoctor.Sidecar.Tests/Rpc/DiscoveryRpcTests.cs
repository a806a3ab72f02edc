using System.Text.Json;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Rpc;

/// <summary>venv/list, venv/diagnose, venv/interpreters over JSON-RPC against the real <c>serve</c> process.</summary>
public class DiscoveryRpcTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(90);

    private static IEnumerable<string> Paths(JsonElement list) =>
        list.GetProperty("environments").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).Order(StringComparer.Ordinal);

    [PythonFact]
    public async Task List_streams_venv_found_for_each_environment_then_answers_with_all_of_them()
    {
        using var tmp = new TempDir();
        var good = Venvs.Create(Pythons.Any!, tmp.Combine("proj", ".venv"));
        Venvs.Create(Pythons.Any!, tmp.Combine("before"));
        Directory.Move(tmp.Combine("before"), tmp.Combine("after"));
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync([tmp.Path]);

        var list = await sidecar.RequestAsync(Methods.List, new { scope = "workspace" }, Slow);

        Assert.Equal(new[] { tmp.Combine("after"), good }, Paths(list));
        var moved = list.GetProperty("environments").EnumerateArray().Single(e => e.GetProperty("path").GetString() == tmp.Combine("after"));
        Assert.Equal("broken", moved.GetProperty("health").GetString());
        Assert.Equal("moved", moved.GetProperty("findings")[0].GetProperty("code").GetString());
        Assert.Contains(list.GetProperty("interpreters").EnumerateArray(), i => i.GetProperty("executable").GetString() == Pythons.Any!.Executable);
        // Every venv/found was sent before the response (the client read them first).
        var found = sidecar.Inbox.Where(m => m.TryGetProperty("method", out var n) && n.GetString() == ServerNotifications.Found.Method)
            .Select(m => m.GetProperty("params").GetProperty("environment").GetProperty("path").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { tmp.Combine("after"), good }, found);
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [Fact]
    public async Task With_a_partial_result_token_environments_arrive_as_progress_and_the_response_omits_them()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("a"));
        File.WriteAllText(tmp.Combine("a", "pyvenv.cfg"), "home = /usr/bin\nuv = 0.5.0\n");
        Directory.CreateDirectory(tmp.Combine("b"));
        File.WriteAllText(tmp.Combine("b", "pyvenv.cfg"), "home = /usr/bin\n");
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();

        var list = await sidecar.RequestAsync(Methods.List, new { roots = new[] { tmp.Path }, partialResultToken = "scan-1" }, Slow);

        Assert.Empty(list.GetProperty("environments").EnumerateArray());
        var streamed = sidecar.Inbox.Where(m => m.TryGetProperty("method", out var n) && n.GetString() == "$/progress")
            .Select(m => m.GetProperty("params")).ToList();
        Assert.All(streamed, p => Assert.Equal("scan-1", p.GetProperty("token").GetString()));
        Assert.Equal(new[] { tmp.Combine("a"), tmp.Combine("b") },
            streamed.SelectMany(p => p.GetProperty("value").GetProperty("environments").EnumerateArray())
                .Select(e => e.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "uv", "venv" },
            streamed.SelectMany(p => p.GetProperty("value").GetProperty("environments").EnumerateArray())
                .OrderBy(e => e.GetProperty("path").GetString(), StringComparer.Ordinal).Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_second_list_in_the_same_process_sees_what_changed_since_the_first()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("x", "one"));
        File.WriteAllText(tmp.Combine("x", "one", "pyvenv.cfg"), "home = /usr/bin\n");
        Directory.CreateDirectory(tmp.Combine("y", "z"));
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync([tmp.Path], new { excludeGlobs = new[] { "ignored" } });
        Directory.CreateDirectory(tmp.Combine("ignored", "venv"));
        File.WriteAllText(tmp.Combine("ignored", "venv", "pyvenv.cfg"), "home = /usr/bin\n");

        Assert.Equal(new[] { tmp.Combine("x", "one") }, Paths(await sidecar.RequestAsync(Methods.List, new { }, Slow)));

        Directory.CreateDirectory(tmp.Combine("y", "z", "two"));
        File.WriteAllText(tmp.Combine("y", "z", "two", "pyvenv.cfg"), "home = /usr/bin\n");
        Directory.Delete(tmp.Combine("x", "one"), recursive: true);

        Assert.Equal(new[] { tmp.Combine("y", "z", "two") }, Paths(await sidecar.RequestAsync(Methods.List, new { }, Slow)));
    }

    [PythonFact]
    public async Task A_list_right_after_a_rename_or_an_edit_equals_a_cold_scan()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("proj", ".venv"));
        Directory.CreateDirectory(tmp.Combine("other"));
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync([tmp.Path]);
        await sidecar.RequestAsync(Methods.List, new { }, Slow);

        Directory.Move(venv, tmp.Combine("proj", "env"));
        await AssertListEqualsColdScanAsync(sidecar, tmp.Path);
        var cfg = tmp.Combine("proj", "env", "pyvenv.cfg");
        File.WriteAllText(cfg, File.ReadAllText(cfg).Replace("home = ", "home = /gone"));
        await AssertListEqualsColdScanAsync(sidecar, tmp.Path);
        Directory.Delete(tmp.Combine("proj", "env"), recursive: true);
        await AssertListEqualsColdScanAsync(sidecar, tmp.Path);
    }

    /// <summary>venv/list at once (no waiting on events) against <c>scan --json</c> in a fresh process: the same document.</summary>
    private static async Task AssertListEqualsColdScanAsync(SidecarProcess sidecar, string root)
    {
        var listed = await sidecar.RequestAsync(Methods.List, new { }, Slow);
        var scan = Cli.ScanCli.Run(root, "scan", "--json", root);
        using var cold = JsonDocument.Parse(scan.StdOut);
        Assert.Equal(JsonSerializer.Serialize(cold.RootElement), JsonSerializer.Serialize(listed));
    }

    [Fact]
    public async Task Machine_scope_looks_where_the_tools_keep_environments()
    {
        using var tmp = new TempDir();
        var wrapped = tmp.Combine("workon", "proj");
        Directory.CreateDirectory(wrapped);
        File.WriteAllText(Path.Combine(wrapped, "pyvenv.cfg"), "home = /usr/bin\nvirtualenv = 20.17.1\n");
        await using var sidecar = await SidecarProcess.StartAsync(environment: new Dictionary<string, string?>
        {
            ["HOME"] = tmp.Combine("home"),
            ["WORKON_HOME"] = tmp.Combine("workon"),
            ["PYENV_ROOT"] = tmp.Combine("no-pyenv"),
            ["XDG_DATA_HOME"] = tmp.Combine("data"),
            ["XDG_CACHE_HOME"] = tmp.Combine("cache"),
        });
        await sidecar.InitializeAsync();

        var list = await sidecar.RequestAsync(Methods.List, new { scope = "machine" }, Slow);

        var env = Assert.Single(list.GetProperty("environments").EnumerateArray(), e => e.GetProperty("path").GetString() == wrapped);
        Assert.Equal("virtualenvwrapper", env.GetProperty("manager").GetString());
        Assert.Equal("virtualenv", env.GetProperty("kind").GetString());
    }

    [PythonFact]
    public async Task Diagnose_answers_one_environment_and_says_clearly_what_is_not_one()
    {
        using var tmp = new TempDir();
        var venv = Venvs.Create(Pythons.Any!, tmp.Combine("v"));
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();

        var env = await sidecar.RequestAsync(Methods.Diagnose, new { path = venv }, Slow);
        Assert.Equal(venv, env.GetProperty("path").GetString());
        Assert.Equal("ok", env.GetProperty("health").GetString());
        Assert.Equal(Pythons.Any!.Version.ToString(), env.GetProperty("version").GetString());

        var notEnv = await sidecar.SendRequestAsync(Methods.Diagnose, new { path = tmp.Path }, Slow);
        Assert.Equal(-32803, notEnv.Error!.Code);
        Assert.Contains("not a Python environment", notEnv.Error.Message);
        Assert.Equal(-32602, (await sidecar.SendRequestAsync(Methods.Diagnose, new { path = tmp.Combine("missing") })).Error!.Code);
        Assert.Equal(-32602, (await sidecar.SendRequestAsync(Methods.Diagnose, new { path = "relative/v" })).Error!.Code);
        Assert.Equal(-32602, (await sidecar.SendRequestAsync(Methods.List, new { scope = "galaxy" })).Error!.Code);
    }

    [Fact]
    public async Task Interpreters_lists_the_installed_bases_with_versions_from_files()
    {
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();

        var result = await sidecar.RequestAsync(Methods.Interpreters, new { }, Slow);

        var listed = result.GetProperty("interpreters").EnumerateArray().ToList();
        foreach (var python in Pythons.All.Where(p => p.Source == "pyenv"))
            Assert.Contains(listed, i => i.GetProperty("executable").GetString() == python.Executable
                && i.GetProperty("version").GetString() == python.Version.ToString());
    }

    [Fact]
    public async Task Hundreds_of_concurrent_lists_are_all_answered_and_the_server_stays_responsive()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("v"));
        File.WriteAllText(tmp.Combine("v", "pyvenv.cfg"), "home = /usr/bin\n");
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync([tmp.Path]);

        // Scans must not block the thread pool waiting on each other (they did once: 200 took seconds).
        var replies = Enumerable.Range(0, 200).Select(_ => sidecar.BeginRequest(Methods.List, new { }).Reply).ToList();
        var all = await Task.WhenAll(replies);

        Assert.All(all, r => Assert.Equal(tmp.Combine("v"), Assert.Single(r.Result.GetProperty("environments").EnumerateArray()).GetProperty("path").GetString()));
    }
}
