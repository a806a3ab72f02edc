using VenvDoctor.Core.Model;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>The human output of <c>scan</c>: one row per environment, then each finding with its suggestions.</summary>
internal static class ScanTable
{
    private const string Red = "\e[31m", Yellow = "\e[33m", Green = "\e[32m", Dim = "\e[2m", Reset = "\e[0m";

    public static void Write(TextWriter output, ScanReport report, bool colour)
    {
        var writer = new SectionWriter(output, colour, Directory.GetCurrentDirectory());
        writer.Table(report.Environments);
        writer.Findings(report.Environments);
        writer.BadSettings(report.Settings);
        writer.Skipped(report.Skipped);
        writer.Summary(report);
    }

    /// <summary>One method per section; they share the output, the colour choice and how paths are shown.</summary>
    private sealed class SectionWriter(TextWriter output, bool colour, string cwd)
    {
        public void Table(IReadOnlyList<PythonEnvironment> environments)
        {
            if (environments.Count == 0)
            {
                output.WriteLine("No Python environments found.");
                return;
            }
            string[] header = ["PATH", "KIND", "VERSION", "HEALTH", "TOP FINDING"];
            var rows = environments.Select(e => new[]
            {
                Shown(e.Path), WireNames.Of(e.Kind), e.Version ?? "?", WireNames.Of(e.Health),
                e.Findings.OrderByDescending(f => f.Severity).FirstOrDefault()?.Code ?? "-",
            }).ToList();
            var widths = Enumerable.Range(0, header.Length).Select(i => Math.Max(header[i].Length, rows.Max(r => r[i].Length))).ToArray();
            output.WriteLine(Paint(Row(header, widths), Dim));
            for (var i = 0; i < rows.Count; i++)
            {
                var line = Row(rows[i], widths);
                var health = environments[i].Health;
                output.WriteLine(health == Health.Ok ? line : Paint(line, HealthColour(health)));
            }
        }

        public void Findings(IReadOnlyList<PythonEnvironment> environments)
        {
            foreach (var e in environments.Where(e => e.Findings.Count > 0))
            {
                output.WriteLine();
                output.WriteLine(Paint($"{Shown(e.Path)} ({WireNames.Of(e.Health)})", HealthColour(e.Health)));
                foreach (var f in e.Findings)
                    output.WriteLine($"  {WireNames.Of(f.Severity)} {f.Code}: {f.Message}");
                foreach (var s in e.Suggestions)
                    output.WriteLine($"  -> {s.Title} (venv-sidecar repair --action {s.Action} {Shown(e.Path)})");
            }
        }

        public void BadSettings(IReadOnlyList<InterpreterSetting> settings)
        {
            var stale = settings.Where(s => !s.Resolves && s.Unreadable is null).ToList();
            if (stale.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("IDE settings pointing at a missing interpreter:");
                foreach (var s in stale)
                    output.WriteLine($"  {Shown(s.File)}: {s.Key} = {s.Value}" + (s.Suggestion is null ? "" : $"\n  -> re-point to {s.Suggestion}"));
            }
            var notRead = settings.Where(s => s.Unreadable is not null).ToList();
            if (notRead.Count == 0) return;
            output.WriteLine();
            output.WriteLine("IDE settings files not checked:");
            foreach (var s in notRead)
                output.WriteLine($"  {Shown(s.File)}: it {s.Unreadable}");
        }

        public void Skipped(IReadOnlyList<SkippedPath> skipped)
        {
            if (skipped.Count == 0) return;
            output.WriteLine();
            output.WriteLine(Paint($"Skipped {skipped.Count} path(s):", Dim));
            foreach (var s in skipped)
                output.WriteLine($"  {Shown(s.Path)}: {s.Reason}");
        }

        public void Summary(ScanReport report)
        {
            var broken = report.Environments.Count(e => e.Health == Health.Broken);
            output.WriteLine();
            output.WriteLine($"{report.Environments.Count} environment(s), {broken} broken; {report.Interpreters.Count} base interpreter(s) installed.");
        }

        private string Paint(string text, string code) => colour ? code + text + Reset : text;

        /// <summary>Relative to the current folder when under it: shorter, and what the user typed.</summary>
        private string Shown(string path)
        {
            var relative = Path.GetRelativePath(cwd, path);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
        }
    }

    private static string HealthColour(Health h) => h switch { Health.Broken => Red, Health.Warning => Yellow, _ => Green };

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
