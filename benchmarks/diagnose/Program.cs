// Diagnoses one real venv holding 2,000 console scripts, many times, and prints the figures: median / p95 per
// diagnosis, and peak RSS. The peer run, in the same invocation, reads every script whole (what a naive reader
// would do) so the ratio shows what reading only the first bytes buys.
using System.Diagnostics;
using System.Text.RegularExpressions;
using VenvDoctor.Core.Diagnosis;

const int Scripts = 2000;
const int Iterations = 40;

var python = args.Length > 0 ? args[0] : FindPython();
if (python is null) { Console.Error.WriteLine("No python3.8+ found (pass one as the first argument)."); return 2; }
var root = Path.Combine(Path.GetTempPath(), "vd-bench-" + Guid.NewGuid().ToString("N")[..8]);
try
{
    var venv = Path.Combine(root, "env");
    var p = Process.Start(new ProcessStartInfo(python, ["-m", "venv", "--without-pip", venv]) { RedirectStandardError = true })!;
    p.WaitForExit();
    if (p.ExitCode != 0) { Console.Error.WriteLine($"{python} -m venv failed: {p.StandardError.ReadToEnd()}"); return 2; }
    var interpreter = Path.Combine(venv, "bin", "python");
    // Real console scripts are ~230 bytes; some packages ship larger ones. Every 10th uses pip's exec form.
    var body = "# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom tool.cli import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n" + new string('#', 2048) + "\n";
    for (var i = 0; i < Scripts; i++)
    {
        var head = i % 10 == 0 ? $"#!/bin/sh\n'''exec' {interpreter} \"$0\" \"$@\"\n' '''\n" : $"#!{interpreter}\n";
        File.WriteAllText(Path.Combine(venv, "bin", $"tool{i}"), head + body);
    }

    var diagnoser = new EnvironmentDiagnoser();
    Measure(() => diagnoser.Diagnose(venv)); // let the freshly written files settle (writeback) before timing
    var healthy = Measure(() => diagnoser.Diagnose(venv));
    var moved = Path.Combine(root, "moved");
    Directory.Move(venv, moved);
    var movedTimes = Measure(() => diagnoser.Diagnose(moved));
    var result = diagnoser.Diagnose(moved);
    var factsOnly = Measure(() => VenvDoctor.Core.Anatomy.EnvironmentFactsReader.Read(moved));
    var listingOnly = Measure(() => new DirectoryInfo(Path.Combine(moved, "bin")).EnumerateFileSystemInfos().Count());
    var peer = Measure(() => NaiveWholeFileRead(Path.Combine(moved, "bin")));

    Console.WriteLine($"venv by {python}, {Scripts} console scripts ({body.Length + 40} bytes each), {Iterations} runs after warm-up, {Environment.ProcessorCount} CPUs");
    Console.WriteLine($"diagnose healthy venv : median {healthy.Median:F1} ms, p95 {healthy.P95:F1} ms, min {healthy.Min:F1} ms");
    Console.WriteLine($"diagnose moved venv   : median {movedTimes.Median:F1} ms, p95 {movedTimes.P95:F1} ms  (findings: {string.Join(", ", result.Findings.Select(f => f.Code))}, records: {result.Findings.FirstOrDefault()?.Data.GetValueOrDefault("records")})");
    Console.WriteLine($"  of which reading the facts: median {factsOnly.Median:F1} ms; listing bin/ alone: median {listingOnly.Median:F1} ms");
    var facts = VenvDoctor.Core.Anatomy.EnvironmentFactsReader.Read(moved);
    var candidate = new VenvDoctor.Core.Discovery.EnvironmentCandidate(moved, moved, VenvDoctor.Core.Model.EnvironmentKind.Venv, "bench", null);
    foreach (var rule in EnvironmentDiagnoser.Rules)
    {
        var t = Measure(() => rule.Check(new DiagnosisContext(candidate, facts, [], [], DiagnosisOptions.Default)).ToList());
        if (t.Median >= 0.5) Console.WriteLine($"  rule {rule.Code}: median {t.Median:F1} ms");
    }
    Console.WriteLine($"peer: read every script whole + regex (no diagnosis): median {peer.Median:F1} ms  → diagnosis/peer ratio {movedTimes.Median / peer.Median:F2}");
    Console.WriteLine($"target ≤ 50 ms: {(movedTimes.Median <= 50 ? "met" : "NOT met")}");
    Console.WriteLine($"peak RSS {PeakRssMiB():F1} MiB; load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?")} (figures swing with it: the CPUs are shared)");
    return 0;
}
finally
{
    try { Directory.Delete(root, recursive: true); } catch (IOException) { }
}

static (double Median, double P95, double Min) Measure(Action action)
{
    for (var i = 0; i < 40; i++) action(); // past tiered JIT promotion
    var times = new double[Iterations];
    for (var i = 0; i < Iterations; i++)
    {
        var sw = Stopwatch.StartNew();
        action();
        times[i] = sw.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    return (times[Iterations / 2], times[(int)(Iterations * 0.95)], times[0]);
}

static int NaiveWholeFileRead(string bin)
{
    var n = 0;
    foreach (var f in Directory.EnumerateFiles(bin))
        if (Regex.IsMatch(File.ReadAllText(f), @"^#!(/\S+)", RegexOptions.Multiline)) n++;
    return n;
}

static double PeakRssMiB()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith("VmHWM:"))
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
}

static string? FindPython()
{
    var pyenv = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions");
    if (Directory.Exists(pyenv))
        foreach (var d in Directory.EnumerateDirectories(pyenv).OrderDescending())
            foreach (var exe in Directory.Exists(Path.Combine(d, "bin")) ? Directory.EnumerateFiles(Path.Combine(d, "bin"), "python3.*") : [])
                if (Regex.IsMatch(Path.GetFileName(exe), @"^python3\.(8|9|\d\d)$")) return exe;
    return File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : null;
}
