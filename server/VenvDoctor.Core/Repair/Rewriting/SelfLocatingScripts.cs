using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// make-relocatable's rewrite of the console scripts in bin/: a script that runs this environment's interpreter by
/// an absolute path (a plain shebang or pip's exec form) gets pip's <c>/bin/sh</c> trampoline with the interpreter
/// found beside the script (<see cref="ShebangHeader.SelfLocating"/>). Everything else in bin/ — binaries, scripts
/// of other programs or interpreters, links — is listed as left, with the reason.
/// </summary>
public static class SelfLocatingScripts
{
    /// <param name="ownLocations">Folders whose <c>bin/pythonX</c> is this environment's interpreter (here, and where its files say it was made).</param>
    public static IEnumerable<FileEdit> Edits(EnvironmentFacts facts, IReadOnlyList<string> ownLocations, List<LeftFile> left, CancellationToken cancellationToken)
    {
        foreach (var script in facts.ConsoleScripts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (script.Relocatable) continue;
            if (WhyLeft(script, ownLocations) is { } reason)
            {
                left.Add(new LeftFile(script.File, reason));
                continue;
            }
            if (Rewrite(facts, script, left) is { } edit) yield return edit;
        }
    }

    /// <summary>Why a file of bin/ is not given the trampoline; null when it is a console script of this environment.</summary>
    private static string? WhyLeft(ConsoleScript script, IReadOnlyList<string> ownLocations)
    {
        if (script.Problem is { } problem) return problem;
        if (script.Binary is not BinaryKind.Text) return $"a {script.Binary} file, not a script: it records no interpreter to make relative";
        if (script.Interpreter is not { } interpreter) return "not a console script of this environment (no #! line naming an interpreter path)";
        var location = RecordedLocations.LocationOfInterpreter(interpreter.Value);
        if (location is null || !ownLocations.Any(own => Paths.TrimAnySeparators(location) == own || PathResolver.SamePlace(location, own)))
            return $"runs {interpreter.Value}, not this environment's interpreter";
        if (script.NameNotUtf8) return "its file name is not valid UTF-8, so it is not rewritten by name (rename it, then run make-relocatable again)";
        return null;
    }

    private static FileEdit? Rewrite(EnvironmentFacts facts, ConsoleScript script, List<LeftFile> left)
    {
        var file = script.File;
        if (EditableScript.Open(file, left) is not { } read) return null;
        var text = read.Text;
        var headerLength = ShebangHeader.HeaderLength(text);
        if (headerLength == 0)
        {
            left.Add(new LeftFile(file, "its header is not one pip writes"));
            return null;
        }
        // The name the script ran (python3.11 on Debian), when bin/ has it; else the name every venv has.
        var name = Path.GetFileName(script.Interpreter!.Value);
        if (!File.Exists(Path.Combine(facts.ScriptsFolder!, name))) name = "python";
        var crlf = text.IndexOf('\n') is var nl and > 0 && text[nl - 1] == '\r';
        var header = ShebangHeader.SelfLocating(name, crlf);
        return new FileEdit(EditOperation.WriteFile, file, $"run the {name} beside the script")
        {
            Before = text[..headerLength].TrimEnd('\n', '\r'),
            After = header.TrimEnd('\n', '\r'),
            NewContent = read.Encode(header + text[headerLength..]),
        };
    }
}
