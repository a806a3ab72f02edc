using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Platform;

namespace VenvDoctor.Core.Diagnosis.Rules;

/// <summary>
/// <c>base-missing</c>: the base interpreter is gone or unusable — the interpreter link dangles (pyenv uninstall,
/// Homebrew cleanup); a <c>--copies</c> interpreter's libpythonX.Y.so (found through the ELF's RUNPATH/RPATH, never by
/// running it) or the base standard library is gone; or the base's standard library is gone behind a live link.
/// Not when only names inside bin/ are gone and the base is there: that is <see cref="InterpreterLinkMissingRule"/>.
/// A Windows venv on a Windows host: its <c>home</c> folder, its <c>python.exe</c> or its standard library is gone
/// (a python.org uninstall removes the folder; <c>Scripts\python.exe</c> is a launcher that starts <c>home\python.exe</c>).
/// </summary>
public sealed partial class BaseMissingRule : IDiagnosisRule
{
    public string Code => FindingCodes.BaseMissing;

    public IEnumerable<Finding> Check(DiagnosisContext context)
    {
        var facts = context.Facts;
        if (facts.Layout == EnvironmentLayout.Windows && Host.IsWindows)
        {
            if (WindowsBaseGone(facts) is { } gone) yield return gone;
            yield break;
        }
        if (facts.Layout != EnvironmentLayout.Posix || Host.IsWindows) yield break;
        if (facts.Config?.Home is { } h && PlatformPaths.IsForeign(h)) yield break;
        var interpreter = facts.Interpreter;
        // A name deleted from bin/ while the base is there (python3 -> python, python gone) is interpreter-link-missing.
        if (InterpreterNames.Of(facts) is { Restorable: true } names
            && (interpreter is null || names.Broken.Any(b => b.Path == interpreter.Path))) yield break;
        if (interpreter is null)
        {
            if (facts.Config is null) yield break;
            yield return new Finding(Code, Severity.Error, "The environment has no bin/python: its interpreter was deleted.",
                new Dictionary<string, string> { ["file"] = Path.Combine(facts.ScriptsFolder!, "python") });
            yield break;
        }
        if (interpreter.Dangling)
        {
            var (stoppedAt, _) = PathResolver.Resolve(interpreter.Path);
            var data = new Dictionary<string, string> { ["file"] = interpreter.Path, ["target"] = interpreter.Target!, ["missing"] = stoppedAt };
            if (facts.Config?.Home is { } home) data["home"] = home;
            yield return new Finding(Code, Severity.Error,
                $"The base Python this environment runs on is gone: {Path.GetFileName(interpreter.Path)} leads to {stoppedAt}, which does not exist.",
                data);
            yield break;
        }
        if (interpreter.IsLink)
        {
            if (interpreter.Base is { Minor: { } minor, Prefix: { } prefix, StdlibPresent: false })
                yield return new Finding(Code, Severity.Error,
                    $"The base Python's standard library is gone (no {Path.Combine(prefix, "lib", "python" + minor)}/encodings): Python fails at start-up.",
                    new Dictionary<string, string> { ["file"] = interpreter.Path, ["target"] = interpreter.RealTarget!, ["prefix"] = prefix, ["version"] = minor });
            yield break;
        }
        // A real file (--copies): its shared library and the base stdlib (via home) must still be there.
        if (facts.Copied is { LibPython: { } lib, LibPythonFound: null } copied)
        {
            var data = new Dictionary<string, string> { ["file"] = copied.Path, ["library"] = lib };
            var searched = copied.Elf.RunPath.Concat(copied.Elf.RPath).ToList();
            if (searched.Count > 0) data["runpath"] = string.Join(":", searched);
            yield return new Finding(Code, Severity.Error,
                $"The base Python's library {lib} is gone ({(searched.Count > 0 ? "looked in " + string.Join(", ", searched) : "not on the library path")}): the copied interpreter cannot start.",
                data);
            yield break;
        }
        var location = BaseLocation.FromHome(facts.Config?.Home);
        var minorNow = context.RecordedMinor;
        if (location is { Prefix: { } basePrefix } && minorNow is not null && !BaseFiles.StdlibPresent(basePrefix, minorNow))
        {
            var data = new Dictionary<string, string> { ["file"] = interpreter.Path, ["home"] = location.Home, ["prefix"] = basePrefix, ["version"] = minorNow };
            if (location.ThroughEnvironment is { } through) data["throughEnvironment"] = through;
            yield return new Finding(Code, Severity.Error,
                location.HomeExists
                    ? $"The base Python's standard library is gone (no {Path.Combine(basePrefix, "lib", "python" + minorNow)}/encodings): Python fails at start-up."
                    : $"The base Python this environment was copied from ({location.Home}) is gone: the copied interpreter has no standard library.",
                data);
        }
    }
}
