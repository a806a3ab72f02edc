using System.Text.Json;
using VenvDoctor.Core.Tests.Native;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Tests.Cli;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Native;

/// <summary>The native findings through the real sidecar: <c>scan</c>'s table and JSON, and <c>venv/diagnose</c> over
/// JSON-RPC, where a rescan of a changed module sees the change (headers are cached by path, size and mtime).</summary>
public class NativeFindingsTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(90);

    [NativeFact("3.11")]
    public void Scan_shows_a_module_built_for_another_Python_and_the_reinstall_that_fixes_it()
    {
        using var env = new NativeEnv();
        var old = env.At("vdold/" + Path.GetFileName(NativeBuilds.LibDynload("3.11", "_json")));
        File.Copy(NativeBuilds.LibDynload("3.11", "_json"), old);
        env.Record("vdold", "2.0", [old]);

        var table = ScanCli.Run(env.Tmp.Path, "scan");

        Assert.Equal(1, table.ExitCode);
        Assert.Matches(@"(?m)^env\s+venv\s+3\.12\.\d+\s+broken\s+extension-abi-mismatch$", table.StdOut);
        Assert.Contains("error extension-abi-mismatch: The compiled module lib/python3.12/site-packages/vdold/_json.cpython-311-x86_64-linux-gnu.so of vdold", table.StdOut);
        Assert.Contains("(venv-sidecar repair --action reinstall-binaries env)", table.StdOut);

        var json = ScanCli.Run("/", "scan", "--json", env.Tmp.Path);
        using var doc = JsonDocument.Parse(json.StdOut);
        var e = doc.RootElement.GetProperty("environments")[0];
        var finding = e.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "extension-abi-mismatch");
        Assert.Equal(["file", "modules", "count", "tags", "distribution", "expected", "version"], finding.GetProperty("data").EnumerateObject().Select(p => p.Name));
        var suggestion = e.GetProperty("suggestions")[0];
        Assert.Equal("reinstall-binaries", suggestion.GetProperty("action").GetString());
        Assert.Equal("vdold", suggestion.GetProperty("data").GetProperty("distribution").GetString());
    }

    [NativeFact]
    public async Task Diagnose_over_rpc_reports_a_foreign_module_and_sees_it_replaced_on_the_next_request()
    {
        using var env = new NativeEnv();
        var module = env.At("vdarm/_zip.cpython-312-x86_64-linux-gnu.so");
        File.Copy(NativeBuilds.Arm64Zlib, module);
        env.Record("vdarm", "1.0", [module]);
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();

        for (var i = 0; i < 2; i++)
        {
            var broken = await sidecar.RequestAsync(Methods.Diagnose, new { path = env.Path }, Slow);
            Assert.Equal("broken", broken.GetProperty("health").GetString());
            var finding = broken.GetProperty("findings")[0];
            Assert.Equal("foreign-binary", finding.GetProperty("code").GetString());
            Assert.Equal("ELF aarch64 (glibc)", finding.GetProperty("data").GetProperty("formats").GetString());
        }

        File.Delete(module);
        NativeBuilds.Module(env.Python, module, "_zip");

        var healthy = await sidecar.RequestAsync(Methods.Diagnose, new { path = env.Path }, Slow);
        Assert.Equal("ok", healthy.GetProperty("health").GetString());
    }

    [NativeFact("3.11")]
    public void Repair_runs_the_suggested_reinstall_with_the_environments_pip_and_the_environment_is_healthy_after()
    {
        using var f = WrongTagWheel.Installed();
        WrongTagWheel.PublishFixed(f);
        var cli = Path.Combine(AppContext.BaseDirectory, "venv-sidecar.dll");
        var environment = new Dictionary<string, string?>(f.PipConfig) { ["DOTNET_NOLOGO"] = "1" };

        var dry = Run.Process("dotnet", [cli, "repair", f.Env, "--dry-run"], environment: environment);
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("(reinstall-binaries, dry run: nothing changed)", dry.StdOut);
        Assert.Contains($"+ {f.Env}/bin/python -m pip install --force-reinstall --no-deps --disable-pip-version-check --no-input -- vdnative==1.0", dry.StdOut);

        var repair = Run.Process("dotnet", [cli, "repair", f.Env, "--json"], environment: environment, timeout: Slow);

        Assert.True(repair.ExitCode == 0, repair.StdOut + repair.StdErr);
        using var doc = JsonDocument.Parse(repair.StdOut);
        Assert.Equal("ok", doc.RootElement.GetProperty("diagnosis").GetProperty("health").GetString());
        var import = Run.Process(Path.Combine(f.Env, "bin", "python"), ["-c", "import vdnative._speed"]);
        Assert.True(import.ExitCode == 0, import.StdErr);
    }
}
