namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// A marker change whose event proves the watcher has handled everything before it: tests assert "nothing else was
/// reported" by reading up to the sentinel's event instead of sleeping.
/// </summary>
public static class Sentinel
{
    /// <summary>Makes a tiny venv-shaped folder (pyvenv.cfg + bin/python link) at <paramref name="dir"/>.</summary>
    public static string Drop(string dir, PythonInstall python)
    {
        var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "python"), python.Executable);
        File.WriteAllText(Path.Combine(dir, "pyvenv.cfg"),
            $"home = {Path.GetDirectoryName(python.Executable)}\ninclude-system-site-packages = false\nversion = {python.Version}\n");
        return dir;
    }
}
