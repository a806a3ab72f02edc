// Relocating a venv with 2,000 console scripts: plan (read every recorded path) + journaled atomic apply, against
// the peer existing tools amount to (virtualenv-clone / conda-unpack style: one `sed -i` string replace over the
// same files, no journal, no undo, no shebang-form choice), in the same invocation on identical copies.
using System.Diagnostics;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;

const int Scripts = 2000;
const int Rounds = 5;
var python = FindPython() ?? throw new InvalidOperationException("no Python 3.8+ found (pyenv or /usr/bin)");
Console.WriteLine($"venv by {python}, {Scripts} console scripts; {Rounds} rounds each, median shown");
// The same measurement on the disk (what users have) and, when present, in memory (/dev/shm): the disk's
// per-file latency dominates both tools there; tmpfs shows the CPU cost of the work itself.
Measure(Path.GetTempPath(), "disk (temp folder)");
if (Directory.Exists("/dev/shm")) Measure("/dev/shm", "memory (/dev/shm)");
Console.WriteLine("note: the peer writes spaced paths into plain shebangs (those scripts then fail), keeps no originals and cannot undo.");

void Measure(string baseDir, string label)
{
var root = Path.Combine(baseDir, $"vd-bench-{Environment.ProcessId}");
Directory.CreateDirectory(root);
var journals = new JournalStore(new JournalStoreOptions(Path.Combine(root, "state")));
try
{
    var template = Path.Combine(root, "template", "env");
    Directory.CreateDirectory(Path.GetDirectoryName(template)!);
    Run(python, "-m", "venv", "--without-pip", template);
    var interpreter = Path.Combine(template, "bin", "python");
    for (var i = 0; i < Scripts; i++)
        File.WriteAllText(Path.Combine(template, "bin", $"tool{i}"), $"#!{interpreter}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom json.tool import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n");
    Console.WriteLine($"-- {label}");

    var engine = new RepairEngine(journals, new JournalRecovery(journals), NoRepairFaults.Instance);
    var ours = new List<double>();
    var planMs = new List<double>();
    var sed = new List<double>();
    for (var r = 0; r < Rounds; r++)
    {
        // Ours: a copy moved to a new place, then relocate (plan + journaled apply).
        var a = Path.Combine(root, $"ours-{r}", "moved env");
        CopyTree(template, a);
        var sw = Stopwatch.StartNew();
        var plan = new RelocateAction().Plan(new RepairRequest(a) { From = template }, CancellationToken.None);
        var planned = sw.Elapsed.TotalMilliseconds;
        engine.Apply(plan, null, CancellationToken.None);
        ours.Add(sw.Elapsed.TotalMilliseconds);
        planMs.Add(planned);
        if (plan.Edits.Count < Scripts) throw new InvalidOperationException($"expected {Scripts}+ edits, planned {plan.Edits.Count}");
        if (!File.ReadAllText(Path.Combine(a, "bin", "tool0")).StartsWith($"#!/bin/sh\n'''exec' \"{a}/bin/python\"")) throw new InvalidOperationException("relocate did not rewrite tool0");

        // Peer: the same files, one sed -i string replace.
        var b = Path.Combine(root, $"sed-{r}", "moved env");
        CopyTree(template, b);
        var files = Directory.EnumerateFiles(Path.Combine(b, "bin")).Where(f => !new FileInfo(f).Attributes.HasFlag(FileAttributes.ReparsePoint) && !f.EndsWith(".ps1")).Append(Path.Combine(b, "pyvenv.cfg")).ToList();
        sw.Restart();
        Run("sed", ["-i", $"s|{template}|{b}|g", .. files]);
        sed.Add(sw.Elapsed.TotalMilliseconds);
    }
    var oursMedian = Median(ours);
    var sedMedian = Median(sed);
    Console.WriteLine($"relocate (plan + journaled atomic apply): {oursMedian,8:F1} ms   (plan alone {Median(planMs):F1} ms)   target <= 500 ms: {(oursMedian <= 500 ? "met" : "MISSED")}");
    Console.WriteLine($"sed -i string replace (peer)            : {sedMedian,8:F1} ms");
    Console.WriteLine($"ratio ours / peer                       : {oursMedian / sedMedian,8:F2}x");
    Console.WriteLine($"peak RSS of this process                : {PeakRssMiB(),8:F1} MiB");
}
finally
{
    Directory.Delete(root, recursive: true);
}
}

static double Median(List<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }

static double PeakRssMiB()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith("VmHWM:")) return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    return double.NaN;
}

static void Run(string file, params string[] args)
{
    var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
    foreach (var a in args) psi.ArgumentList.Add(a);
    using var p = Process.Start(psi)!;
    var err = p.StandardError.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {err}");
}

static void CopyTree(string from, string to) => Run("cp", "-a", from, to.EndsWith("moved env") ? MakeParent(to) : to);

static string MakeParent(string to) { Directory.CreateDirectory(Path.GetDirectoryName(to)!); return to; }

static string? FindPython()
{
    var versions = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions");
    var candidates = Directory.Exists(versions)
        ? Directory.GetDirectories(versions).Select(d => Directory.GetFiles(Path.Combine(d, "bin"), "python3.*").FirstOrDefault(f => !f.EndsWith("-config"))).OfType<string>()
        : [];
    return candidates.Concat(["/usr/bin/python3"]).LastOrDefault(File.Exists);
}
