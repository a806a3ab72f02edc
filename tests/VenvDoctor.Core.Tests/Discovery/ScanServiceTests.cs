using System.Collections.Concurrent;
using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.FileSystem;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Discovery.Machine;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Discovery;

/// <summary>The scan's orchestration: what reaches the diagnoser, what streams out, what a failing diagnosis gives.</summary>
public class ScanServiceTests
{
    /// <summary>Records its calls; "broken" in a folder name makes it report an error, "unreadable" makes it throw.</summary>
    private sealed class RecordingDiagnoser : IEnvironmentDiagnoser
    {
        public ConcurrentBag<(EnvironmentCandidate Candidate, IReadOnlyCollection<string> Known, int Interpreters)> Calls { get; } = [];

        public PythonEnvironment Diagnose(EnvironmentCandidate candidate, IReadOnlyCollection<string> knownEnvironments, IReadOnlyList<BaseInterpreter> interpreters, CancellationToken cancellationToken)
        {
            Calls.Add((candidate, knownEnvironments, interpreters.Count));
            if (candidate.Path.Contains("unreadable")) throw new UnauthorizedAccessException("denied");
            var broken = candidate.Path.Contains("broken");
            return new PythonEnvironment
            {
                Path = candidate.Path,
                Kind = candidate.Kind,
                Health = broken ? Health.Broken : Health.Ok,
                Findings = broken ? [new Finding(FindingCodes.Moved, Severity.Error, "moved", new Dictionary<string, string>())] : [],
            };
        }
    }

    private sealed class FixedInventory(params BaseInterpreter[] list) : IInterpreterInventory
    {
        public IReadOnlyList<BaseInterpreter> List(CancellationToken cancellationToken) => list;
    }

    [Fact]
    public async Task Streams_each_diagnosis_and_reports_what_it_could_not_read()
    {
        using var tmp = new TempDir();
        var ok = Layouts.Uv(tmp.Combine("ok"));
        var broken = Layouts.Virtualenv(tmp.Combine("broken"));
        var unreadable = Layouts.Conda(tmp.Combine("unreadable"));
        Directory.CreateDirectory(tmp.Combine("locked"));
        var fs = new HookedFileSystem(failList: f => f == tmp.Combine("locked") ? new UnauthorizedAccessException() : null);
        var diagnoser = new RecordingDiagnoser();
        var interpreter = new BaseInterpreter("/usr/bin/python3.11", "3.11", "system", "/usr");
        var service = new ScanService(new EnvironmentDiscovery(fs, MachineLocations.FromEnvironment(_ => null)), diagnoser, new FixedInventory(interpreter));
        var streamed = new ConcurrentBag<PythonEnvironment>();

        var report = await service.ScanAsync(new ScanRequest { Roots = [tmp.Path] }, streamed.Add, CancellationToken.None);

        Assert.Equal([broken, ok, unreadable], report.Environments.Select(e => e.Path));
        Assert.Equal(report.Environments.Select(e => e.Path).Order(), streamed.Select(e => e.Path).Order());
        Assert.Equal(Health.Broken, report.Environments[0].Health);
        var failed = report.Environments[2];
        Assert.Equal(EnvironmentKind.Conda, failed.Kind);
        Assert.Equal(Health.Warning, failed.Health);
        Assert.Contains("denied", Assert.Single(failed.Findings).Message);
        Assert.All(diagnoser.Calls, c => Assert.Equal(1, c.Interpreters));
        Assert.Equal([interpreter], report.Interpreters);
        Assert.Equal([new SkippedPath(tmp.Combine("locked"), "permission denied")], report.Skipped);
    }

    /// <summary>Finds one environment, then waits (up to a deadline) for its diagnosis to begin before finding the next.</summary>
    private sealed class SlowDiscovery(EnvironmentCandidate first, EnvironmentCandidate second, Func<bool> diagnosisBegan) : IEnvironmentDiscovery
    {
        public bool SawDiagnosisDuringWalk { get; private set; }

        public void WalkWorkspace(ScanRequest request, Action<EnvironmentCandidate> onFound, Action<SkippedPath> onSkipped, CancellationToken cancellationToken)
        {
            onFound(first);
            SawDiagnosisDuringWalk = SpinWait.SpinUntil(diagnosisBegan, TimeSpan.FromSeconds(30));
            onFound(second);
        }

        public IEnumerable<EnvironmentCandidate> FindOnMachine(Action<SkippedPath> onSkipped, CancellationToken cancellationToken) => [];
        public EnvironmentCandidate? Identify(string path) => null;
    }

    [Fact]
    public async Task Diagnoses_each_environment_while_the_walk_is_still_going()
    {
        var first = new EnvironmentCandidate("/w/a", "/w/a", EnvironmentKind.Venv, "venv", "workspace");
        var second = new EnvironmentCandidate("/w/b", "/w/b", EnvironmentKind.Venv, "venv", "workspace");
        var diagnoser = new RecordingDiagnoser();
        var discovery = new SlowDiscovery(first, second, () => !diagnoser.Calls.IsEmpty);
        var service = new ScanService(discovery, diagnoser, new FixedInventory());

        var report = await service.ScanAsync(new ScanRequest { Roots = ["/w"] }, null, CancellationToken.None);

        Assert.True(discovery.SawDiagnosisDuringWalk, "the first environment was not diagnosed until the walk ended");
        Assert.Equal(["/w/a", "/w/b"], report.Environments.Select(e => e.Path));
    }

    [Fact]
    public async Task Diagnoses_one_folder_and_says_null_for_a_folder_that_is_no_environment()
    {
        using var tmp = new TempDir();
        var venv = Layouts.Uv(tmp.Combine("v"));
        var service = new ScanService(new EnvironmentDiscovery(), new RecordingDiagnoser(), new FixedInventory());
        Assert.Equal(EnvironmentKind.Uv, (await service.DiagnoseAsync(venv, probe: false, CancellationToken.None))?.Kind);
        Assert.Null(await service.DiagnoseAsync(tmp.Path, probe: false, CancellationToken.None));
        // Relative and trailing-slash spellings name the same folder.
        Assert.Equal(venv, (await service.DiagnoseAsync(venv + "/", probe: false, CancellationToken.None))?.Path);
        var report = await service.ScanAsync(new ScanRequest { Roots = [tmp.Path + "/"] }, null, CancellationToken.None);
        Assert.Equal([venv], report.Environments.Select(e => e.Path));
    }

    [PythonFact]
    public async Task With_the_real_diagnoser_fifos_and_garbage_scripts_never_stop_the_scan()
    {
        using var tmp = new TempDir();
        var good = Layouts.RealVenv(tmp.Combine("good"));
        File.WriteAllBytes(Path.Combine(good, "bin", "pip"), Enumerable.Range(0, 3000).Select(i => (byte)(i * 31 % 251)).ToArray());
        var blocked = Layouts.RealVenv(tmp.Combine("blocked"));
        Run.Checked("mkfifo", Path.Combine(blocked, "bin", "pip3"));
        Directory.CreateDirectory(tmp.Combine("fifo-cfg"));
        Run.Checked("mkfifo", tmp.Combine("fifo-cfg", "pyvenv.cfg"));
        var service = new ScanService(new EnvironmentDiscovery(), new EnvironmentDiagnoser(), new FixedInventory())
        {
            DiagnosisDeadline = TimeSpan.FromSeconds(2),
        };

        var scan = service.ScanAsync(new ScanRequest { Roots = [tmp.Path] }, null, CancellationToken.None);
        Assert.True(scan.Wait(TimeSpan.FromSeconds(60)), "the scan did not finish");
        var report = await scan;

        Assert.Equal([blocked, tmp.Combine("fifo-cfg"), good], report.Environments.Select(e => e.Path));
        Assert.True(report.Environments[2].Findings.Count == 0, string.Join("; ", report.Environments[2].Findings.Select(f => f.Message)));
        Assert.Equal(Health.Ok, report.Environments[2].Health);
        // A FIFO among the scripts never blocks the reader (it is skipped as unreadable: not a script);
        // a FIFO named pyvenv.cfg is reported, not hidden: a finding says why it could not be read.
        Assert.Equal(Health.Ok, report.Environments[0].Health);
        Assert.Contains(report.Environments[1].Findings, f => f.Code == FindingCodes.ConfigInvalid || f.Code == "unreadable");
        Assert.NotEqual(Health.Ok, report.Environments[1].Health);
    }
}
