using System.Text.Json;
using VenvDoctor.Core.Tests.Repair;
using VenvDoctor.Core.Tests.Support;
using VenvDoctor.Sidecar.Tests.Support;

namespace VenvDoctor.Sidecar.Tests.Hostile;

/// <summary>
/// Install records written by someone else (METADATA, RECORD, direct_url.json, INSTALLER) whose names, versions
/// and URLs carry shell syntax (<c>$(…)</c>, backticks, <c>;</c>) or look like pip options (<c>--index-url=…</c>).
/// The real CLI plans and applies recreate and plans reinstall-binaries: every such entry is listed as skipped with
/// the reason, none reaches a command line, no payload runs (each would make a canary file outside the environment),
/// and nothing outside the environment changes.
/// </summary>
public sealed class InstallRecordShellSyntaxTests
{
    [PythonFact]
    public async Task Recreate_lists_hostile_install_records_as_skipped_and_runs_none_of_them()
    {
        using var ws = new HostileWorkspace();
        var payloads = Plant(ws);
        var before = ws.Surroundings();

        var dryRun = await ws.Cli("repair", "--dry-run", "--json", "--action", "recreate", ws.Env);
        Assert.True(dryRun.ExitCode == 0, $"dry run exited {dryRun.ExitCode}: {dryRun.StdErr}");
        AssertSkippedAndNotRun(ws, Notes(JsonDocument.Parse(dryRun.StdOut).RootElement), payloads);
        ws.Surroundings().AssertSameAs(before, "a dry run changes nothing outside the environment");

        var applied = await ws.Cli("repair", "--json", "--action", "recreate", ws.Env);
        Assert.True(applied.ExitCode == 0, $"recreate exited {applied.ExitCode}: {applied.StdErr}");
        var result = JsonDocument.Parse(applied.StdOut).RootElement;
        AssertSkippedAndNotRun(ws, Notes(result.GetProperty("plan")), payloads);
        Assert.Equal("ok", result.GetProperty("diagnosis").GetProperty("health").GetString());
        Assert.DoesNotContain("Traceback", applied.StdErr);
        // Recreate keeps the old environment as its own hidden sibling (for undo); everything else is as it was.
        var aside = Assert.Single(Directory.GetDirectories(ws.Workspace, ".*.venv-doctor-old-*"));
        TreeSnapshot.Of(ws.Root, includeJournal: true, leaveOut: [.. new[] { ws.Env, ws.State, aside }.Select(p => Path.GetRelativePath(ws.Root, p))])
            .AssertSameAs(before, "no install record may make a repair touch anything outside the environment");
    }

    [PythonFact]
    public async Task Reinstall_binaries_passes_only_a_valid_name_never_a_hostile_version()
    {
        using var ws = new HostileWorkspace();
        var site = SitePackages(ws);
        var canary = Path.Combine(ws.Outside, "canary-version");
        var pyd = Path.Combine(site, "vdforeign", "_win.cp312-win_amd64.pyd");
        Directory.CreateDirectory(Path.GetDirectoryName(pyd)!);
        File.WriteAllBytes(pyd, NativeBuilds.PeAmd64()); // a foreign binary: the suggestion is reinstall-binaries
        var hostileVersion = $"1.0;touch {canary}";
        WriteDistInfo(site, "vdforeign", hostileVersion, record: ["vdforeign/_win.cp312-win_amd64.pyd,,"]);
        var before = ws.Surroundings();

        var dryRun = await ws.Cli("repair", "--dry-run", "--json", "--action", "reinstall-binaries", ws.Env);

        Assert.True(dryRun.ExitCode == 0, $"dry run exited {dryRun.ExitCode}: {dryRun.StdErr}");
        var plan = JsonDocument.Parse(dryRun.StdOut).RootElement;
        var command = Assert.Single(plan.GetProperty("edits").EnumerateArray()).GetProperty("after").GetString()!;
        Assert.EndsWith(" -- vdforeign", command);
        Assert.DoesNotContain(Notes(plan), n => n.Contains(canary) && !n.Contains("not a valid version"));
        Assert.Contains(Notes(plan), n => n.Contains("not a valid version"));
        Assert.False(File.Exists(canary));
        ws.Surroundings().AssertSameAs(before, "a dry run changes nothing");
    }

    /// <summary>One entry per kind of hostile value; returns (a text the plan must mention as skipped, the canary its payload would create).</summary>
    private static List<(string Shown, string Canary)> Plant(HostileWorkspace ws)
    {
        var site = SitePackages(ws);
        var payloads = new List<(string, string)>();
        string Canary(string name) => Path.Combine(ws.Outside, "canary-" + name);
        void Name(string kind, Func<string, string> name)
        {
            var value = name(Canary(kind));
            WriteDistInfo(site, value, "1.0", folderName: "hostile_" + kind);
            payloads.Add((value[..Math.Min(40, value.Length)], Canary(kind)));
        }
        Name("subshell", c => $"$(touch {c})");
        Name("backtick", c => $"`touch {c}`");
        Name("semicolon", c => $"x; touch {c}");
        Name("option", _ => "--index-url=http://evil.example/simple");
        var versionCanary = Canary("version");
        WriteDistInfo(site, "vdversion", $"1.0$(touch {versionCanary})");
        payloads.Add(("not a valid version", versionCanary));
        foreach (var (kind, url) in new[]
        {
            ("url-subshell", $"http://evil.example/$(touch {Canary("url-subshell")})"),
            ("url-backtick", $"https://evil.example/`touch {Canary("url-backtick")}`"),
            ("url-semicolon", $"file:///tmp/x;touch%20{Canary("url-semicolon")}"),
            ("url-option", "--extra-index-url=http://evil.example/simple"),
        })
        {
            WriteDistInfo(site, "vd" + kind.Replace("-", ""), "1.0", directUrl: url);
            payloads.Add((url[..Math.Min(40, url.Length)], Canary(kind)));
        }
        return payloads;
    }

    private static void AssertSkippedAndNotRun(HostileWorkspace ws, IReadOnlyList<string> notes, List<(string Shown, string Canary)> payloads)
    {
        foreach (var (shown, canary) in payloads)
        {
            Assert.Contains(notes, n => n.StartsWith("skipped") && n.Contains(shown));
            Assert.False(File.Exists(canary), $"{canary} exists: a payload ran");
        }
        // The notes that describe commands never carry a hostile value.
        foreach (var note in notes.Where(n => !n.StartsWith("skipped")))
            foreach (var (shown, _) in payloads)
                Assert.DoesNotContain(shown, note);
        Assert.Empty(Directory.EnumerateFiles(ws.Root, "canary-*", SearchOption.AllDirectories));
    }

    private static List<string> Notes(JsonElement plan) => plan.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();

    private static string SitePackages(HostileWorkspace ws) =>
        Directory.EnumerateDirectories(Path.Combine(ws.Env, "lib"), "python*").Select(d => Path.Combine(d, "site-packages")).Single(Directory.Exists);

    /// <summary>A dist-info as an installer writes it, with these values as they are (RECORD and INSTALLER carry shell syntax too).</summary>
    private static void WriteDistInfo(string site, string name, string version, string? directUrl = null, string? folderName = null, IEnumerable<string>? record = null)
    {
        var distInfo = Path.Combine(site, $"{folderName ?? name}-1.0.dist-info");
        Directory.CreateDirectory(distInfo);
        File.WriteAllText(Path.Combine(distInfo, "METADATA"), $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n");
        File.WriteAllText(Path.Combine(distInfo, "INSTALLER"), "$(touch installer-ran); `touch installer-ran`\n");
        if (directUrl is not null)
            File.WriteAllText(Path.Combine(distInfo, "direct_url.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["url"] = directUrl, ["dir_info"] = new Dictionary<string, object>() }));
        File.WriteAllText(Path.Combine(distInfo, "RECORD"), string.Join('\n', (record ?? []).Concat(["$(touch record-ran),,", "--help,,", "../../../../outside/victim.txt,,", $"{Path.GetFileName(distInfo)}/METADATA,,"])) + "\n");
    }
}
