using System.Text;
using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// make-relocatable's rewrite of the activation scripts: every recorded <c>VIRTUAL_ENV</c> token becomes the
/// expression of its format that finds the environment at run time (<see cref="RecordedPathFormats.SelfLocatingToken"/>),
/// the lines that shell needs to know which file it sources go after the script's opening comments, and the line
/// that forgets them at its end. A script that records no path (already relocatable, or PowerShell's, which finds
/// itself) is not touched.
/// </summary>
public static class SelfLocatingActivation
{
    public static IEnumerable<FileEdit> Edits(EnvironmentFacts facts, List<LeftFile> left, CancellationToken cancellationToken)
    {
        foreach (var script in facts.ActivationScripts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (script.Paths.Count == 0) continue;
            if (Rewrite(script, left) is { } edit) yield return edit;
        }
    }

    private static FileEdit? Rewrite(ActivationScript script, List<LeftFile> left)
    {
        var file = script.File;
        if (script.Paths.FirstOrDefault(p => RecordedPathFormats.SelfLocatingToken(p.Format) is null) is { } odd)
        {
            left.Add(new LeftFile(file, $"its {odd.Format} value has no form that finds the environment at run time"));
            return null;
        }
        if (EditableScript.Open(file, left) is not { } read) return null;
        var format = script.Paths[0].Format;
        var text = read.Text;
        var sb = new StringBuilder(text);
        foreach (var path in script.Paths.OrderByDescending(p => p.Start))
            sb.Remove(path.Start, path.Length).Insert(path.Start, RecordedPathFormats.SelfLocatingToken(path.Format));
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        var preamble = RecordedPathFormats.SelfLocatingPreamble(format);
        if (preamble.Length > 0) sb.Insert(AfterOpeningComments(text, script.Paths.Min(p => p.Start)), preamble.Replace("\n", newline));
        var epilogue = RecordedPathFormats.SelfLocatingEpilogue(format);
        if (epilogue.Length > 0)
        {
            if (sb.Length > 0 && sb[^1] != '\n') sb.Append(newline);
            sb.Append(epilogue.Replace("\n", newline));
        }
        return new FileEdit(EditOperation.WriteFile, file, $"find VIRTUAL_ENV from the script's own place ({script.Paths.Count} place{(script.Paths.Count == 1 ? "" : "s")})")
        {
            Before = string.Join('\n', script.Paths.Select(p => TextFile.LinesAround(text, p.Start, p.Length)).Distinct()),
            After = string.Join('\n', script.Paths.Select(p => p.Format).Distinct().Select(f => $"VIRTUAL_ENV = {RecordedPathFormats.SelfLocatingToken(f)}")),
            NewContent = read.Encode(sb.ToString()),
        };
    }

    /// <summary>After the comment lines that open the script (its licence, "source me" notes), never past <paramref name="limit"/>'s line.</summary>
    private static int AfterOpeningComments(string text, int limit)
    {
        var at = 0;
        while (at < text.Length && at <= limit && text[at] == '#')
        {
            var nl = text.IndexOf('\n', at);
            if (nl < 0) break;
            at = nl + 1;
        }
        var lineOfLimit = limit <= 0 ? 0 : text.LastIndexOf('\n', limit - 1) + 1;
        return Math.Min(at, lineOfLimit);
    }
}
