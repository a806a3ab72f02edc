using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Core.Tests.Watching;
using VenvDoctor.Sidecar.Protocol;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Rpc;

/// <summary><c>venv/dependents</c> against the real <c>serve</c> process: the workspace folders by default, roots when given, bad names as InvalidParams.</summary>
public sealed class DependentsRpcTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(120);

    [PyenvFact]
    public async Task Answers_the_venvs_of_the_workspace_folders_built_on_the_base_named_through_a_symlink()
    {
        var python = PyenvFactAttribute.Newest(1)[0];
        using var tmp = new TempDir();
        var venv = Venvs.Create(python, tmp.Combine("ws", "app", ".venv"));
        Directory.CreateDirectory(tmp.Combine("links"));
        File.CreateSymbolicLink(tmp.Combine("links", "python3"), python.Executable);
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync([tmp.Combine("ws")]);

        var result = await sidecar.RequestAsync(Methods.Dependents, new { python = tmp.Combine("links", "python3") }, Slow);

        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(python.Executable))!;
        Assert.Equal(prefix, result.GetProperty("base").GetProperty("realPrefix").GetString());
        Assert.Equal(python.Minor, result.GetProperty("base").GetProperty("minor").GetString());
        Assert.Contains(result.GetProperty("environments").EnumerateArray(), e => e.GetProperty("path").GetString() == venv);

        // Roots given: only those folders (and the machine's locations) are searched.
        Directory.CreateDirectory(tmp.Combine("elsewhere"));
        var elsewhere = await sidecar.RequestAsync(Methods.Dependents, new { python = python.Executable, roots = new[] { tmp.Combine("elsewhere") } }, Slow);
        Assert.DoesNotContain(elsewhere.GetProperty("environments").EnumerateArray(), e => e.GetProperty("path").GetString() == venv);
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }

    [Fact]
    public async Task A_missing_python_or_a_relative_root_is_invalid_params()
    {
        using var tmp = new TempDir();
        await using var sidecar = await SidecarProcess.StartAsync();
        await sidecar.InitializeAsync();
        var missing = await sidecar.SendRequestAsync(Methods.Dependents, new { python = tmp.Combine("gone", "python3") }, Slow);
        Assert.Equal(-32602, missing.Error!.Code);
        Assert.Contains("no such interpreter", missing.Error.Message);
        Assert.Equal(-32602, (await sidecar.SendRequestAsync(Methods.Dependents, new { python = "/usr/bin/python3", roots = new[] { "relative" } })).Error!.Code);
        Assert.Equal(-32602, (await sidecar.SendRequestAsync(Methods.Dependents, new { })).Error!.Code);
        Assert.Equal(0, await sidecar.ShutdownAsync());
    }
}
