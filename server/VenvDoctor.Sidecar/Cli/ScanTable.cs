using VenvDoctor.Core.Display;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Sidecar.Cli;

/// <summary>
/// The human output of <c>scan</c>: one row per environment, then each finding with its suggestions. Every value is
/// printed through <see cref="TerminalWriter"/> (escaped for the terminal); each suggestion's command is quoted to
/// paste (<see cref="CopyableCommand"/>).
/// </summary>
internal static class ScanTable
{
    public static void Write(TextWriter output, ScanReport report, bool colour)
    {
        var writer = new SectionWriter(new TerminalWriter(output, colour), Directory.GetCurrentDirectory());
        writer.Table(report.Environments);
        writer.Findings(report.Environments);
        writer.BadSettings(report.Settings);
        writer.Skipped(report.Skipped);
        writer.Summary(report);
    }

    /// <summary>One method per section; they share the output, the colour choice and how paths are shown.</summary>
    private sealed class SectionWriter(TerminalWriter output, string cwd)
    {
        public void Table(IReadOnlyList<PythonEnvironment> environments)
        {
            if (environments.Count == 0)
            {
                output.WriteLine($"No Python environments found.");
                return;
            }
            string[] header = ["PATH", "KIND", "VERSION", "HEALTH", "TOP FINDING"];
            // Escaped before measuring, so the columns line up with what the terminal shows.
            var rows = environments.Select(e => new[]
            {
                Shown(e.Path), WireNames.Of(e.Kind), e.Version ?? "?", WireNames.Of(e.Health),
                e.Findings.OrderByDescending(f => f.Severity).FirstOrDefault()?.Code ?? "-",
            }.Select(TerminalText.Escape).ToArray()).ToList();
            var widths = Enumerable.Range(0, header.Length).Select(i => Math.Max(header[i].Length, rows.Max(r => r[i].Length))).ToArray();
            output.WriteLine(TerminalWriter.Dim, $"{Row(header, widths)}");
            for (var i = 0; i < rows.Count; i++)
            {
                var line = Row(rows[i], widths);
                var health = environments[i].Health;
                if (health == Health.Ok) output.WriteLine($"{line}");
                else output.WriteLine(HealthColour(health), $"{line}");
            }
        }

        public void Findings(IReadOnlyList<PythonEnvironment> environments)
        {
            foreach (var e in environments.Where(e => e.Findings.Count > 0))
            {
                output.WriteLine();
                output.WriteLine(HealthColour(e.Health), $"{Shown(e.Path)} ({WireNames.Of(e.Health)})");
                foreach (var f in e.Findings)
                    output.WriteLine($"  {WireNames.Of(f.Severity)} {f.Code}: {f.Message}");
                foreach (var s in e.Suggestions)
                    output.WriteLine($"  -> {s.Title} ({RepairCommandLine(s.Action, e.Path)})");
            }
        }

        public void BadSettings(IReadOnlyList<InterpreterSetting> settings)
        {
            var stale = settings.Where(s => !s.Resolves && s.Unreadable is null).ToList();
            if (stale.Count > 0)
            {
                output.WriteLine();
                output.WriteLine($"IDE settings pointing at a missing interpreter:");
                foreach (var s in stale)
                {
                    output.WriteLine($"  {Shown(s.File)}: {s.Key} = {s.Value}");
                    if (s.Suggestion is not null) output.WriteLine($"  -> re-point to {s.Suggestion}");
                }
            }
            var notRead = settings.Where(s => s.Unreadable is not null).ToList();
            if (notRead.Count == 0) return;
            output.WriteLine();
            output.WriteLine($"IDE settings files not checked:");
            foreach (var s in notRead)
                output.WriteLine($"  {Shown(s.File)}: it {s.Unreadable}");
        }

        public void Skipped(IReadOnlyList<SkippedPath> skipped)
        {
            if (skipped.Count == 0) return;
            output.WriteLine();
            output.WriteLine(TerminalWriter.Dim, $"Skipped {skipped.Count} path(s):");
            foreach (var s in skipped)
                output.WriteLine($"  {Shown(s.Path)}: {s.Reason}");
        }

        public void Summary(ScanReport report)
        {
            var broken = report.Environments.Count(e => e.Health == Health.Broken);
            output.WriteLine();
            output.WriteLine($"{report.Environments.Count} environment(s), {broken} broken; {report.Interpreters.Count} base interpreter(s) installed.");
        }

        /// <summary>Relative to the current folder when under it: shorter, and what the user typed.</summary>
        private string Shown(string path)
        {
            var relative = Path.GetRelativePath(cwd, path);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
        }

        /// <summary>
        /// The command that applies a suggestion, to copy: quoted for the user's shell, the path as shown (relative
        /// under the current folder) but never read as an option (<c>./-x</c>, not <c>-x</c>).
        /// </summary>
        private string RepairCommandLine(string action, string environment)
        {
            var shown = Shown(environment);
            if (shown.StartsWith('-')) shown = "." + Path.DirectorySeparatorChar + shown;
            return CopyableCommand.Of("venv-sidecar", "repair", "--action", action, shown);
        }
    }

    private static string HealthColour(Health h) => h switch { Health.Broken => TerminalWriter.Red, Health.Warning => TerminalWriter.Yellow, _ => TerminalWriter.Green };

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
