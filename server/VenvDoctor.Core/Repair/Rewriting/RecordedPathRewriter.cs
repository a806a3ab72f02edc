using System.Text;
using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>A recorded path and the value it should have.</summary>
public sealed record PathChange(RecordedPath Recorded, string NewValue);

/// <summary>
/// Turns path changes into file edits: each text file is rewritten at exactly the recorded spans, in each span's
/// own format (<see cref="RecordedPathFormats"/>, or its documented fallback; a file with a path no format of the
/// chain can carry is left as it is, with a note); console-script headers are rewritten whole, in the form pip would choose for the new path;
/// symlinks are re-pointed; binary files are never edited as text (Windows launchers go through
/// <see cref="WindowsLauncher"/>, which understands their layout).
/// </summary>
public static class RecordedPathRewriter
{
    /// <param name="mayReplaceLink">
    /// Whether a text file that is a symlink may be replaced, in the environment, by a rewritten copy of what it
    /// points to (make-independent, for links into the original). Otherwise such a file is left: a link is never
    /// written through, since what it points to is not this environment's to change.
    /// </param>
    /// <returns>The edits, notes, and every file left as it was with the reason.</returns>
    public static (List<FileEdit> Edits, List<string> Notes, List<LeftFile> Left) Rewrite(IEnumerable<PathChange> changes, Func<string, bool>? mayReplaceLink = null)
    {
        var edits = new List<FileEdit>();
        var notes = new List<string>();
        var left = new List<LeftFile>();
        foreach (var group in changes.GroupBy(c => c.Recorded.File, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var edit = RewriteFile(group.Key, [.. group], notes, left, mayReplaceLink);
            if (edit is not null) edits.Add(edit);
        }
        return (edits, notes, left);
    }

    /// <summary>One edit for one file, chosen by what the file is; null (and the file in <paramref name="left"/>) when it is left as it is.</summary>
    private static FileEdit? RewriteFile(string file, IReadOnlyList<PathChange> changes, List<string> notes, List<LeftFile> left, Func<string, bool>? mayReplaceLink)
    {
        var first = changes[0];
        if (first.Recorded.Format == RecordedPathFormats.Symlink)
            return new FileEdit(EditOperation.ReplaceLink, file, $"re-point link to {first.NewValue}")
                { Before = first.Recorded.Value, After = first.NewValue, NewLinkTarget = first.NewValue };
        if (WhyLeft(file, mayReplaceLink, out var replacesLink) is { } reason)
        {
            left.Add(new LeftFile(file, reason));
            return null;
        }
        // A negative line marks a binary Windows launcher: its shebang is embedded, never edited as text.
        FileEdit? edit;
        try
        {
            if (first.Recorded.Line < 0) edit = RewriteLauncher(file, first, left);
            else if (TextFile.TryRead(file) is not { } text) edit = Leave(left, file, "not UTF-8 text; never edited as text");
            // Written anyway, the token would read back as another path (or break the script): the file is left whole.
            else edit = RewriteText(file, text, changes);
        }
        catch (UnencodablePathException e) { edit = Leave(left, file, e.Message); }
        // The bounded read is the one size check: it never holds more than the cap, whatever stat says.
        catch (TextFileTooLargeException e) { edit = Leave(left, file, e.Reason); }
        return edit is not null && replacesLink ? ReplacingLink(edit, file) : edit;
    }

    /// <summary>Why a file holding recorded paths is left before it is read (a link not to be replaced, not a regular file); null when it is read. Its size is checked by the bounded read.</summary>
    private static string? WhyLeft(string file, Func<string, bool>? mayReplaceLink, out bool replacesLink)
    {
        replacesLink = false;
        var status = PosixFiles.Lstat(file);
        if (status.IsLink)
        {
            var target = new FileInfo(file).LinkTarget;
            if (mayReplaceLink?.Invoke(file) != true) return $"a symlink to {target}; never written through (what it points to may be shared)";
            replacesLink = true;
            if (PathResolver.RealPath(file) is not { } real || !File.Exists(real)) return $"a symlink to {target}, which is not a file";
        }
        else if (!status.IsFile) return "not a regular file";
        return null;
    }

    /// <summary>The edit of a link's content, made instead a regular file that replaces the link (the link itself is journaled).</summary>
    private static FileEdit ReplacingLink(FileEdit edit, string link) => edit with
    {
        Operation = EditOperation.ReplaceLinkWithFile,
        Description = edit.Description + " (in a copy that replaces the link)",
        Mode = PosixFiles.Lstat(PathResolver.RealPath(link)!).Mode,
    };

    private static FileEdit? Leave(List<LeftFile> left, string file, string reason)
    {
        left.Add(new LeftFile(file, reason));
        return null;
    }

    private static FileEdit? RewriteLauncher(string file, PathChange change, List<LeftFile> left)
    {
        if (WindowsLauncher.Rewrite(file, change.Recorded, change.NewValue, out var problem) is { } bytes)
            return new FileEdit(EditOperation.WriteFile, file, "rewrite the Windows launcher's embedded shebang")
                { Before = "#!" + change.Recorded.Value, After = "#!" + change.NewValue, NewContent = bytes };
        return Leave(left, file, $"a Windows launcher not rewritten: {problem} (reinstall the package to regenerate it)");
    }

    /// <summary>Every recorded span replaced at once, from the end so earlier offsets stay valid; null when nothing changes.</summary>
    private static FileEdit? RewriteText(string file, TextFile text, IReadOnlyList<PathChange> changes)
    {
        var ordered = Replacements(file, text.Text, changes);
        var sb = new StringBuilder(text.Text);
        var before = new List<string>();
        foreach (var (start, length, token) in ordered)
        {
            before.Add(TextFile.LinesAround(text.Text, start, length));
            sb.Remove(start, length).Insert(start, token);
        }
        var newText = sb.ToString();
        if (newText == text.Text) return null;
        var after = ordered.Select((x, i) => TextFile.LinesAround(newText, Shifted(ordered, i), x.Token.Length)).ToList();
        before.Reverse();
        after.Reverse();
        return new FileEdit(EditOperation.WriteFile, file, Describe(changes[0].Recorded.Kind, changes.Count))
        {
            Before = string.Join('\n', before.Distinct()),
            After = string.Join('\n', after.Distinct()),
            NewContent = text.Encode(newText),
        };
    }

    /// <summary>
    /// The spans to replace, last first. A file that no longer holds what was read, or whose spans overlap, stops the
    /// whole plan: rewriting it anyway could corrupt what changed since.
    /// </summary>
    private static List<(int Start, int Length, string Token)> Replacements(string file, string text, IReadOnlyList<PathChange> changes)
    {
        var replacements = new List<(int Start, int Length, string Token)>();
        foreach (var change in changes)
        {
            var r = change.Recorded;
            if (r.Start < 0 || r.Start + r.Length > text.Length)
                throw new RepairException($"{file} changed since it was read (recorded span is past its end). Plan again.");
            // A Windows shebang is read by its launcher, not a kernel: its token is replaced in place, never by an exec form.
            if (r.Kind is RecordKind.Shebang or RecordKind.ShebangExecForm && r.Format != RecordedPathFormats.WindowsShebang && HeaderIsWholeRecord(text, r))
            {
                var crlf = text.IndexOf('\n') is var nl and > 0 && text[nl - 1] == '\r';
                replacements.Add((0, ShebangHeader.HeaderLength(text), ShebangHeader.For(change.NewValue, crlf)));
                continue;
            }
            var token = text.Substring(r.Start, r.Length);
            if (IsRaw(r.Format) && token != r.Value)
                throw new RepairException($"{file} changed since it was read (expected {r.Value} at line {r.Line}). Plan again.");
            replacements.Add((r.Start, r.Length, RecordedPathFormats.Encode(r.Format, change.NewValue)));
        }
        var ordered = replacements.Distinct().OrderByDescending(x => x.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
            if (ordered[i].Start + ordered[i].Length > ordered[i - 1].Start)
                throw new RepairException($"{file}: overlapping recorded paths; not rewritten.");
        return ordered;
    }

    /// <summary>A header is rewritten whole unless the shebang carries arguments after the interpreter (kept by a span edit).</summary>
    private static bool HeaderIsWholeRecord(string text, RecordedPath r)
    {
        if (r.Kind == RecordKind.ShebangExecForm) return true;
        var eol = text.IndexOf('\n');
        var lineEnd = eol < 0 ? text.Length : eol;
        return text.AsSpan(r.Start + r.Length, lineEnd - r.Start - r.Length).Trim().Length == 0;
    }

    /// <summary>Where the i-th replacement (ordered from the end) starts in the new text.</summary>
    private static int Shifted(List<(int Start, int Length, string Token)> ordered, int i)
    {
        var start = ordered[i].Start;
        // Replacements after this one (earlier in the list) do not move it; those before it (later in the list) do.
        for (var j = i + 1; j < ordered.Count; j++) start += ordered[j].Token.Length - ordered[j].Length;
        return start;
    }

    private static bool IsRaw(string format) =>
        format is RecordedPathFormats.CfgValue or RecordedPathFormats.CfgCommandArgument or RecordedPathFormats.PthLine or RecordedPathFormats.Shebang;

    private static string Describe(RecordKind kind, int count) => kind switch
    {
        RecordKind.ActivationScript => $"rewrite VIRTUAL_ENV ({count} place{(count == 1 ? "" : "s")})",
        RecordKind.Shebang or RecordKind.ShebangExecForm => "rewrite the console script's interpreter line",
        RecordKind.PyvenvHome or RecordKind.PyvenvExecutable or RecordKind.PyvenvCommand or RecordKind.PyvenvBaseExecutable or RecordKind.PyvenvBasePrefix => "rewrite pyvenv.cfg paths",
        RecordKind.EditablePth or RecordKind.EggLink or RecordKind.EasyInstallPth => "rewrite the editable install's source path",
        RecordKind.EditableFinderMapping => "rewrite the editable finder's MAPPING",
        RecordKind.DirectUrl => "rewrite direct_url.json",
        _ => "rewrite recorded paths",
    };
}
